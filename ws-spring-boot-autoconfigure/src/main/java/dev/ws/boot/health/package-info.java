/** The WebSocket server's health indicator, for Spring Boot's health endpoint ("ws"). */
package dev.ws.boot.health;
