package dev.ws.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Test support: jqwik generators of what a hostile peer sends on a WebSocket connection (junk,
 * frames that lie about their length, use reserved bits and opcodes, non-minimal or 64-bit lengths,
 * compressed payloads and decompression bombs, all with random damage), and the helpers that cut an
 * input at arbitrary points.
 */
final class HostileBytes {

    /** Lengths a header may declare whatever the payload holds. */
    static final List<Long> LIES = List.of(0L, 1L, 125L, 126L, 127L, 65_535L, 65_536L, 1L << 20, 1L << 31, 1L << 32,
            1L << 62, Long.MAX_VALUE, -1L);
    static final int MASK = 0x5A3C96E1;
    /** A declared length that tells the truth. */
    private static final long HONEST = -2L;

    private HostileBytes() {
    }

    /** Junk, well-formed frame sequences, and damaged ones; with decompression bombs of up to 4 MiB. */
    static Arbitrary<byte[]> wire() {
        return wire(true);
    }

    /**
     * Junk; valid message sequences (fragments, control frames between them, compressed messages, a
     * close); the same with one hostile frame put in; and damaged ones. {@code bombs}: compressed
     * payloads that inflate to MiBs.
     */
    static Arbitrary<byte[]> wire(boolean bombs) {
        Arbitrary<byte[]> junk = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<List<byte[]>> valid = message(bombs).list().ofMaxSize(6)
                .flatMap(messages -> Arbitraries.of(true, false).map(close -> {
                    List<byte[]> frames = new ArrayList<>(messages);
                    if (close) {
                        frames.add(encode(true, 0, 0x8, true, new byte[] {0x03, (byte) 0xE8, 'o', 'k'}, HONEST, 0));
                    }
                    return frames;
                }));
        Arbitrary<byte[]> withHostileFrame = Combinators
                .combine(valid, frame(bombs), Arbitraries.integers().between(0, 8))
                .as((frames, hostile, at) -> {
                    List<byte[]> all = new ArrayList<>(frames);
                    all.add(Math.min(at, all.size()), hostile);
                    return concat(all);
                });
        Arbitrary<byte[]> sequences = valid.map(HostileBytes::concat);
        return Arbitraries.frequencyOf(Tuple.of(1, junk), Tuple.of(3, sequences), Tuple.of(2, withHostileFrame),
                Tuple.of(2, damaged(sequences)));
    }

    /**
     * The frames of one valid data message: text (UTF-8) or binary, maybe compressed (RSV1 on the first
     * frame), in one to four fragments with pings and pongs between them.
     */
    static Arbitrary<byte[]> message(boolean bombs) {
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(200).map(t -> t.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> zeros = bombs ? Arbitraries.of(1 << 10, 1 << 16, 1 << 20, 4 << 20).map(n -> new byte[n])
                : Arbitraries.of(1 << 10, 1 << 12).map(n -> new byte[n]);
        Arbitrary<Integer> control = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 0x9), Tuple.of(1, 0xA));
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.frequencyOf(Tuple.of(4, text),
                Tuple.of(4, binary), Tuple.of(1, zeros)), Arbitraries.of(false, false, true),
                Arbitraries.integers().between(0, 10_000).list().ofMaxSize(3), control.list().ofSize(3),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(125))
                .as((isText, content, compressed, splits, controls, controlPayload) -> {
                    byte[] wire = !compressed ? content
                            : content.length > 100_000 ? deflatedZeros(content.length) : deflate(content);
                    TreeSet<Integer> at = new TreeSet<>();
                    for (int split : splits) {
                        at.add(wire.length == 0 ? 0 : split % wire.length);
                    }
                    at.remove(0);
                    at.add(wire.length);
                    List<byte[]> frames = new ArrayList<>();
                    int from = 0;
                    int i = 0;
                    for (int to : at) {
                        boolean first = from == 0;
                        boolean last = to == wire.length;
                        frames.add(encode(last, first && compressed ? 4 : 0, first ? (isText ? 0x1 : 0x2) : 0x0, true,
                                java.util.Arrays.copyOfRange(wire, from, to), HONEST, 0));
                        if (!last && controls.get(i % controls.size()) != 0) {
                            int opcode = controls.get(i % controls.size());
                            frames.add(encode(true, 0, opcode, true, controlPayload, HONEST, 0));
                        }
                        from = to;
                        i++;
                    }
                    return concat(frames);
                });
    }

    /** Up to four bytes of {@code of} flipped, dropped, or inserted. */
    static Arbitrary<byte[]> damaged(Arbitrary<byte[]> of) {
        Arbitrary<int[]> damage = Combinators.combine(Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 255))
                .as((at, kind, value) -> new int[] {at, kind, value});
        return Combinators.combine(of, damage.list().ofMinSize(1).ofMaxSize(4)).as((bytes, list) -> {
            byte[] b = bytes;
            for (int[] d : list) {
                if (b.length == 0) {
                    break;
                }
                int at = d[0] % b.length;
                b = switch (d[1]) {
                    case 0 -> {
                        byte[] c = b.clone();
                        c[at] = (byte) d[2];
                        yield c;
                    }
                    case 1 -> concat(List.of(java.util.Arrays.copyOf(b, at),
                            java.util.Arrays.copyOfRange(b, at + 1, b.length)));
                    default -> concat(List.of(java.util.Arrays.copyOf(b, at), new byte[] {(byte) d[2]},
                            java.util.Arrays.copyOfRange(b, at, b.length)));
                };
            }
            return b;
        });
    }

    /** One client frame, honest or not. */
    static Arbitrary<byte[]> frame(boolean bombs) {
        Arbitrary<Integer> opcode = Arbitraries.frequency(
                Tuple.of(6, 0x1), Tuple.of(6, 0x2), Tuple.of(3, 0x0), Tuple.of(1, 0x8), Tuple.of(2, 0x9),
                Tuple.of(2, 0xA), Tuple.of(1, 0x3), Tuple.of(1, 0xB), Tuple.of(1, 0xF));
        Arbitrary<Integer> rsv = Arbitraries.frequency(Tuple.of(14, 0), Tuple.of(4, 4), Tuple.of(1, 2), Tuple.of(1, 7));
        List<Arbitrary<byte[]>> payloads = new ArrayList<>(List.of(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().ofMaxLength(100).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000).map(HostileBytes::deflate)));
        if (bombs) {
            payloads.add(Arbitraries.of(1 << 10, 1 << 16, 1 << 20, 4 << 20).map(HostileBytes::deflatedZeros));
        }
        Arbitrary<byte[]> payload = Arbitraries.oneOf(payloads);
        Arbitrary<Long> declared = Arbitraries.frequencyOf(
                Tuple.of(15, Arbitraries.just(HONEST)), Tuple.of(1, Arbitraries.of(LIES)));
        // the minimal length form, or a wider one (a protocol error)
        Arbitrary<Integer> encoding = Arbitraries.frequency(Tuple.of(16, 0), Tuple.of(1, 16), Tuple.of(1, 64));
        Arbitrary<Boolean> fin = Arbitraries.frequency(Tuple.of(5, true), Tuple.of(1, false));
        Arbitrary<Boolean> masked = Arbitraries.frequency(Tuple.of(15, true), Tuple.of(1, false));
        return Combinators.combine(fin, rsv, opcode, masked, payload, declared, encoding).as(HostileBytes::encode);
    }

    /** A frame header (minimal length form unless {@code width} forces 16 or 64 bits) and the payload. */
    static byte[] encode(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, long declared, int width) {
        long length = declared == HONEST ? payload.length : declared;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (width == 64 || length > 65_535 || length < 0) {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (length >>> (8 * i)));
            }
        } else if (width == 16 || length > 125) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | (int) length);
        }
        byte[] body = payload.clone();
        if (masked) {
            out.write(MASK >>> 24);
            out.write(MASK >>> 16);
            out.write(MASK >>> 8);
            out.write(MASK);
            dev.ws.Masking.apply(body, 0, body.length, MASK, 0);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * A hostile frame sequence drawn from {@code random} (for seeded fuzz outside jqwik): up to six
     * frames with random fields, a random declared length now and then, and random byte damage.
     */
    static byte[] randomSequence(java.util.Random random) {
        List<byte[]> frames = new ArrayList<>();
        int[] opcodes = {0x1, 0x1, 0x2, 0x2, 0x0, 0x8, 0x9, 0xA, 0x3, 0xB};
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            byte[] payload = switch (random.nextInt(5)) {
                case 0 -> new byte[random.nextInt(200)];
                case 1 -> deflate(randomBytes(random, random.nextInt(3000)));
                case 2 -> deflatedZeros(1 << 20);
                case 3 -> "héllo wörld".getBytes(StandardCharsets.UTF_8);
                default -> randomBytes(random, random.nextInt(300));
            };
            long declared = random.nextInt(8) == 0 ? LIES.get(random.nextInt(LIES.size())) : HONEST;
            int rsv = random.nextInt(4) == 0 ? 4 : random.nextInt(16) == 0 ? random.nextInt(8) : 0;
            frames.add(encode(random.nextInt(6) != 0, rsv, opcodes[random.nextInt(opcodes.length)],
                    random.nextInt(20) != 0, payload, declared, random.nextInt(10) == 0 ? 64 : 0));
        }
        byte[] wire = concat(frames);
        for (int d = random.nextInt(3); d > 0 && wire.length > 0; d--) {
            wire[random.nextInt(wire.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return wire;
    }

    private static byte[] randomBytes(java.util.Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Raw DEFLATE of {@code data}, sync-flushed, without the 00 00 FF FF tail (RFC 7692 §7.2.1). */
    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return java.util.Arrays.copyOf(out, n - 4);
    }

    static byte[] deflatedZeros(int size) {
        return Bombs.ZEROS.computeIfAbsent(size, s -> {
            Deflater d = new Deflater(9, true);
            d.setInput(new byte[s]);
            byte[] out = new byte[s / 500 + 1024];
            int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            d.end();
            return java.util.Arrays.copyOf(out, n - 4);
        });
    }

    /** Bombs are costly to build: each size once per run. */
    private static final class Bombs {
        static final java.util.Map<Integer, byte[]> ZEROS = new java.util.concurrent.ConcurrentHashMap<>();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Cut points drawn anywhere: normalised into the input, sorted, without duplicates. */
    static Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(12);
    }

    /** How the chunks are presented: heap arrays, heap slices with an array offset, direct buffers. */
    enum Kind {
        HEAP, OFFSET, DIRECT
    }

    /** The input cut at {@code cuts} (taken modulo its length), each chunk in a buffer of {@code kind}. */
    static List<ByteBuffer> chunks(byte[] input, List<Integer> cuts, Kind kind) {
        TreeSet<Integer> at = new TreeSet<>();
        for (int c : cuts) {
            at.add(input.length == 0 ? 0 : c % (input.length + 1));
        }
        at.add(input.length);
        List<ByteBuffer> out = new ArrayList<>();
        int from = 0;
        for (int to : at) {
            if (to < from) {
                continue;
            }
            out.add(wrap(input, from, to, kind));
            from = to;
        }
        return out;
    }

    private static ByteBuffer wrap(byte[] input, int from, int to, Kind kind) {
        int n = to - from;
        return switch (kind) {
            case HEAP -> ByteBuffer.wrap(java.util.Arrays.copyOfRange(input, from, to));
            case OFFSET -> {
                byte[] padded = new byte[n + 7];
                System.arraycopy(input, from, padded, 3, n);
                yield ByteBuffer.wrap(padded, 3, n).slice();
            }
            case DIRECT -> ByteBuffer.allocateDirect(n).put(input, from, n).flip();
        };
    }
}
