/**
 * The {@code ws} actuator endpoint: the server's handler mappings, active limits and timeouts,
 * sessions per handler, and on request the sessions of one handler (id, remote address, age,
 * queued bytes). It never shows message contents or headers. Needs spring-boot-actuator.
 */
package dev.ws.boot.actuate;
