/**
 * A WebSocket load generator built directly on Netty (not on our own client), and the report that compares servers.
 *
 * <p>It speaks RFC 6455 itself with the least work per message so that, pinned to one CPU, it can drive a server
 * pinned to another: client frames are encoded and masked once, at start, into a ring of distinct frames
 * ({@link dev.ws.bench.load.FrameRing}) and sent as slices of it; server frames are parsed in place and compared
 * byte for byte with what was sent ({@link dev.ws.bench.load.EchoConnection}). Each event loop keeps its own counters
 * and HdrHistogram ({@link dev.ws.bench.load.LoopStats}); a scenario resets and reads them by running tasks on the
 * loops, so no counter is shared between threads on the hot path.
 *
 * <p>Scenarios ({@link dev.ws.bench.load.Scenarios}) print one JSON object per line; {@link dev.ws.bench.load.Report}
 * turns the lines of several servers into a table of ratios to a baseline and an SVG chart. Only loopback addresses
 * are used; every scenario is bounded in time.
 */
package dev.ws.bench.load;
