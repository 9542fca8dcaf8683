/**
 * Reliability and security tests of the engine (issue 10): hostile peers on loopback sockets, fuzzing
 * of the parsers with jqwik, TLS and handshake security, graceful shutdown under load, and a bounded
 * soak. Each test pins a row of {@code docs/RELIABILITY.md}: the hostile case, the limit that stops
 * it, and the answer the peer gets. Tests only: nothing here ships.
 */
package dev.ws.reliability;
