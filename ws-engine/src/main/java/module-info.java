/**
 * The ws engine: WebSocket frames, handshake, messages, permessage-deflate, server and client.
 * Depends on nothing but the JDK. Packages named {@code internal} are not exported.
 */
module dev.ws {
    exports dev.ws;
    exports dev.ws.http;
    exports dev.ws.message;
    exports dev.ws.deflate;
    exports dev.ws.server;
    exports dev.ws.client;
    exports dev.ws.handler;
}
