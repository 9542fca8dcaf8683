/**
 * Auto-configuration of the {@code ws} actuator endpoint; applies only with spring-boot-actuator
 * on the classpath and the endpoint available (exposed and enabled).
 */
package dev.ws.boot.autoconfigure.actuate;
