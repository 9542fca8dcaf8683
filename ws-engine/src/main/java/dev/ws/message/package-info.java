/**
 * Messages over frames (RFC 6455 §5.4–§5.6, §8.1), what gobwas/ws calls wsutil: assembling
 * fragments, control frames that arrive in the middle of a message, UTF-8 validation of text, and
 * size limits per frame and per message, in two styles over the same frame core.
 *
 * <ul>
 *   <li><b>Sans-I/O</b> (event loops, the NIO server, the client): {@link dev.ws.message.MessageAssembler}
 *       is fed bytes in any chunks and calls a {@link dev.ws.message.MessageListener} with whole
 *       messages, zero-copy when a message lies in one input; an {@link dev.ws.message.InboundExtension}
 *       (permessage-deflate) plugs in per message.</li>
 *   <li><b>Blocking</b> (a thread or virtual thread per connection): {@link dev.ws.message.MessageReader}
 *       streams each message's payload across fragments and hands control frames to a
 *       {@link dev.ws.message.ControlHandler} ({@link dev.ws.message.DefaultControlHandler} answers
 *       them); {@link dev.ws.message.FrameWriter} and {@link dev.ws.message.MessageWriter} send
 *       whole messages, fragments and control frames from many threads without interleaving;
 *       {@link dev.ws.message.WebSockets} holds one-call helpers. With
 *       {@link dev.ws.message.MessageReader#allowedRsv} and the {@code rsv} forms of the writer, an
 *       extension's messages pass as they are (RSV1 on their first frame), for permessage-deflate's
 *       stream wrappers to inflate and deflate.</li>
 * </ul>
 *
 * <p>Failures the peer causes are {@link dev.ws.WebSocketException}s carrying their close code
 * (1002, 1007, 1009). This layer never opens, closes or times out connections, and the sans-I/O
 * assembler never writes: replies (pongs, close frames) are the caller's, or the control handler's.
 */
package dev.ws.message;
