/**
 * Peer echo servers for the load benchmark: Netty 4.2 websocketx ({@link dev.ws.bench.peers.NettyEchoServer}) and
 * Jetty 12 WebSocket ({@link dev.ws.bench.peers.JettyEchoServer}), each run as {@code java -jar peers.jar (netty|jetty)
 * PORT}.
 *
 * <p>Every peer offers the same two endpoints, the contract that {@code benchmarks/README.md} documents and that our own
 * servers implement too:
 * <ul>
 *   <li>{@code /echo}: every text or binary message is sent back, whole and unchanged, with the same opcode, in order.</li>
 *   <li>{@code /broadcast}: a text message that starts with {@code broadcast:} is sent unchanged to every session that
 *   is open on {@code /broadcast}, the sender included; any other message is echoed to its sender only (the load
 *   generator uses that to know a session is registered).</li>
 * </ul>
 * Limits are raised for the benchmark: messages and frames up to {@link dev.ws.bench.peers.PeerLimits#MAX_MESSAGE}
 * bytes, no idle timeout shorter than {@link dev.ws.bench.peers.PeerLimits#IDLE_TIMEOUT}, and an accept backlog of
 * {@link dev.ws.bench.peers.PeerLimits#ACCEPT_BACKLOG}. Nothing here is tuned beyond what the projects' own
 * documentation recommends: default thread counts and the default (pooled) buffer allocators. No TLS, no compression.
 */
package dev.ws.bench.peers;
