/** Auto-configuration of the WebSocket server's health indicator. */
package dev.ws.boot.autoconfigure.health;
