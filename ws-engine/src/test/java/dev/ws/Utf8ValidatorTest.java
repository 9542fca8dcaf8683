package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference twin for {@link Utf8Validator} (RFC 3629; RFC 6455 §8.1): on exhaustive short inputs,
 * adversarial sequences at every alignment and random inputs, it agrees with the JDK's strict
 * decoder, whole ({@code isValid}) and fed in chunks ({@code update}), where it must reject in the
 * very chunk that holds the first byte no continuation could make valid (fail fast, Autobahn 6.4.x)
 * and never before. It also never reads outside the range it is given.
 */
class Utf8ValidatorTest {

    /** Byte sequences at and across every boundary of the encoding. */
    static final List<byte[]> ATOMS = atoms();

    @Test
    void agreesWithJdkOnEveryOneAndTwoByteInput() {
        for (int a = 0; a < 256; a++) {
            check(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                check(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void agreesWithJdkOnEveryThreeByteInputWithANonAsciiLead() {
        Utf8Validator v = new Utf8Validator();
        byte[] in = new byte[3];
        for (int a = 0xC0; a < 0x100; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    in[0] = (byte) a;
                    in[1] = (byte) b;
                    in[2] = (byte) c;
                    boolean expected = Utf8Reference.valid(in);
                    if (Utf8Validator.isValid(in, 0, 3) != expected) {
                        throw new AssertionError("isValid " + Arrays.toString(in) + " expected " + expected);
                    }
                    v.reset();
                    boolean streamed = v.update(in, 0, 1) & v.update(in, 1, 1) & v.update(in, 2, 1) && v.isComplete();
                    if (streamed != expected) {
                        throw new AssertionError("byte by byte " + Arrays.toString(in) + " expected " + expected);
                    }
                }
            }
        }
    }

    /**
     * Every 2-byte input and every 3-byte input with a non-ASCII lead, placed at each of the 8 byte
     * lanes of a word between ASCII and followed by a non-ASCII character, so that the word-at-a-time
     * path (not only the byte-by-byte tail) judges it; the verdict must be the one for the bytes
     * alone, which the tests above pin to the JDK.
     */
    @Test
    void judgesEveryShortSequenceAlikeInEveryLaneOfAWord() {
        byte[] buf = new byte[3 + 8 + 24];
        byte[] tail = "é".getBytes(StandardCharsets.UTF_8);
        for (int len = 2; len <= 3; len++) {
            int count = len == 2 ? 1 << 16 : 1 << 22;
            for (int n = 0; n < count; n++) {
                byte[] seq = len == 2 ? WireFrames.bytes(n >> 8, n)
                        : WireFrames.bytes(0xC0 | n >> 16, n >> 8, n);
                boolean expected = Utf8Validator.isValid(seq, 0, len);
                for (int lane = 0; lane < 8; lane++) {
                    Arrays.fill(buf, (byte) 'a');
                    System.arraycopy(seq, 0, buf, 3 + lane, len);
                    System.arraycopy(tail, 0, buf, 3 + lane + len, 2);
                    int total = lane + len + 2 + 8;
                    if (Utf8Validator.isValid(buf, 3, total) != expected) {
                        throw new AssertionError(Arrays.toString(seq) + " in lane " + lane + ": expected " + expected);
                    }
                }
            }
        }
    }

    @Test
    void agreesWithJdkOnFourByteSequencesAroundEveryRangeLimit() {
        int[] tails = {0x7F, 0x80, 0xBF, 0xC0};
        for (int a : new int[] {0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xFF}) {
            for (int b = 0; b < 256; b++) {
                for (int c : tails) {
                    for (int d : tails) {
                        byte[] seq = WireFrames.bytes(a, b, c, d);
                        check(seq);
                        boolean expected = Utf8Reference.valid(seq);
                        for (int lane = 0; lane < 8; lane++) {
                            byte[] inWord = WireFrames.concat(ascii(lane), seq, "é".getBytes(StandardCharsets.UTF_8), ascii(9));
                            assertThat(Utf8Validator.isValid(inWord, 0, inWord.length)).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void agreesWithJdkOnAdversarialSequencesAtEveryAlignment() {
        for (byte[] atom : ATOMS) {
            for (int before = 0; before <= 33; before++) {
                for (int after : new int[] {0, 1, 7, 8, 9, 16, 17}) {
                    check(WireFrames.concat(ascii(before), atom, ascii(after)));
                }
            }
            check(WireFrames.concat(atom, atom, atom));
        }
    }

    @Test
    void agreesWithJdkOnRandomInputsWholeAndInRandomChunks() {
        Seeds.run("UTF-8 random inputs", seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < Seeds.iterations(3000); i++) {
                check(randomInput(random), random);
            }
        });
    }

    @Test
    void acceptsLongValidTextInEveryChunking() {
        String text = "ASCII, Ünïcödé, ελληνικά, 中文字符, emoji 😀🎉, and more ASCII to cross 16-byte words. ".repeat(40);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).isTrue();
        Utf8Validator v = new Utf8Validator();
        for (int chunk = 1; chunk <= 40; chunk++) {
            v.reset();
            for (int at = 0; at < bytes.length; at += chunk) {
                assertThat(v.update(bytes, at, Math.min(chunk, bytes.length - at))).isTrue();
            }
            assertThat(v.isComplete()).as("chunks of %d", chunk).isTrue();
        }
    }

    /** A direct buffer is checked in place for ASCII and through 512-byte copies for the rest. */
    @Test
    void checksDirectBuffersAcrossTheirScratchCopies() {
        String text = "ASCII, Ünïcödé, ελληνικά, 中文字符, emoji 😀🎉, and more ASCII to cross 16-byte words. ".repeat(40);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 10).put(5, bytes);
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(direct, 5, 5 + bytes.length)).isTrue();
        assertThat(v.isComplete()).isTrue();
        for (int at = 500; at < 530; at++) { // a bad byte on either side of the first copy's end
            for (int bad : new int[] {0x80, 0xC0, 0xFF}) {
                byte[] broken = bytes.clone();
                broken[at] = (byte) bad;
                direct.put(5, broken);
                v.reset();
                boolean ok = v.update(direct, 5, 5 + broken.length) && v.isComplete();
                assertThat(ok).as("byte %d set to %x", at, bad).isEqualTo(Utf8Reference.valid(broken));
            }
        }
    }

    /**
     * Regression: after the 8/16-byte ASCII skip reached the end of the range, the validator read
     * the byte after it (an ArrayIndexOutOfBoundsException at the end of the array, or a verdict
     * that depended on the next frame's bytes in a shared read buffer).
     */
    @Test
    void neverReadsPastTheEndAfterTheAsciiFastPath() {
        for (int n : new int[] {8, 16, 24, 32, 4096}) {
            byte[] exact = ascii(n);
            assertThat(Utf8Validator.isValid(exact, 0, n)).as("%d bytes", n).isTrue();
            assertThat(new Utf8Validator().update(exact, 0, n)).isTrue();
            byte[] followedByContinuation = WireFrames.concat(ascii(n), WireFrames.bytes(0x80));
            assertThat(Utf8Validator.isValid(followedByContinuation, 0, n)).isTrue();
            assertThat(new Utf8Validator().update(followedByContinuation, 0, n)).isTrue();
        }
    }

    @Test
    void staysInvalidUntilReset() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(WireFrames.bytes(0xC3), 0, 1)).isTrue();
        assertThat(v.isComplete()).isFalse();
        assertThat(v.isValidSoFar()).isTrue();
        assertThat(v).hasToString("Utf8Validator[mid-sequence]");
        assertThat(v.update(WireFrames.bytes('a'), 0, 1)).isFalse();
        assertThat(v).hasToString("Utf8Validator[invalid]");
        assertThat(v.isValidSoFar()).isFalse();
        assertThat(v.update(WireFrames.bytes('a'), 0, 1)).isFalse();
        assertThat(v.update(ByteBuffer.wrap(WireFrames.bytes('a')), 0, 1)).isFalse();
        assertThat(v.update(ByteBuffer.allocateDirect(1), 0, 1)).isFalse();
        assertThat(v.isComplete()).isFalse();
        v.reset();
        assertThat(v).hasToString("Utf8Validator[complete]");
        assertThat(v.update(WireFrames.bytes('a'), 0, 1)).isTrue();
        assertThat(v.isComplete()).isTrue();
    }

    @Test
    void emptyInputIsValid() {
        assertThat(Utf8Validator.isValid(new byte[0], 0, 0)).isTrue();
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(new byte[0], 0, 0)).isTrue();
        assertThat(v.update(ByteBuffer.allocateDirect(0), 0, 0)).isTrue();
        assertThat(v.isComplete()).isTrue();
    }

    /** Checks one input whole and in a few chunkings (every split in two for short inputs). */
    static void check(byte[] input) {
        check(input, null);
    }

    static void check(byte[] input, Random random) {
        boolean valid = Utf8Reference.valid(input);
        int firstInvalid = Utf8Reference.firstInvalidIndex(input);
        if (firstInvalid >= 0 && valid) {
            throw new AssertionError("reference inconsistent on " + Arrays.toString(input));
        }
        String what = Arrays.toString(input);
        // whole: exactly the array, and inside arrays whose neighbouring bytes would change the verdict
        assertThat(Utf8Validator.isValid(input, 0, input.length)).as("isValid %s", what).isEqualTo(valid);
        for (int pad : new int[] {0x80, 0xFF, 0xE0}) {
            byte[] padded = new byte[input.length + 3 + 17];
            Arrays.fill(padded, (byte) pad);
            System.arraycopy(input, 0, padded, 3, input.length);
            assertThat(Utf8Validator.isValid(padded, 3, input.length)).as("isValid padded with %x: %s", pad, what)
                    .isEqualTo(valid);
        }
        List<int[]> chunkings = new ArrayList<>();
        chunkings.add(new int[0]);
        chunkings.add(DecoderDriver.everyByte(input.length));
        if (input.length <= 40) {
            for (int at = 1; at < input.length; at++) {
                chunkings.add(new int[] {at});
            }
        }
        if (random != null) {
            for (int i = 0; i < 3; i++) {
                chunkings.add(DecoderDriver.randomCuts(random, input.length, 1 + random.nextInt(20)));
            }
        }
        for (int[] cuts : chunkings) {
            for (int kind = 0; kind < 3; kind++) {
                streamed(input, cuts, kind, valid, firstInvalid, what);
            }
        }
    }

    /** Feeds the chunks (kind 0: array, 1: heap buffer, 2: direct buffer) and checks fail-fast. */
    private static void streamed(byte[] input, int[] cuts, int kind, boolean valid, int firstInvalid, String what) {
        Utf8Validator v = new Utf8Validator();
        int from = 0;
        int rejectedAt = -1;
        for (int c = 0; c <= cuts.length; c++) {
            int to = c < cuts.length ? cuts[c] : input.length;
            byte[] padded = new byte[to - from + 8];
            Arrays.fill(padded, (byte) 0xFF);
            System.arraycopy(input, from, padded, 4, to - from);
            boolean ok = switch (kind) {
                case 0 -> v.update(padded, 4, to - from);
                case 1 -> v.update(ByteBuffer.wrap(padded), 4, 4 + to - from);
                default -> v.update(ByteBuffer.allocateDirect(padded.length).put(padded).clear(), 4, 4 + to - from);
            };
            if (!ok && rejectedAt < 0) {
                rejectedAt = from;
                if (firstInvalid < from || firstInvalid >= to) {
                    throw new AssertionError("kind " + kind + ": chunk [" + from + ", " + to + ") rejected, first invalid byte is "
                            + firstInvalid + " in " + what + " cut at " + Arrays.toString(cuts));
                }
            }
            if (rejectedAt >= 0 && ok) {
                throw new AssertionError("accepted after rejecting: " + what);
            }
            if (ok && firstInvalid >= from && firstInvalid < to) {
                throw new AssertionError("kind " + kind + ": chunk [" + from + ", " + to + ") accepted though byte "
                        + firstInvalid + " is invalid in " + what + " cut at " + Arrays.toString(cuts));
            }
            assertThat(v.isValidSoFar()).isEqualTo(ok);
            from = to;
        }
        assertThat(v.isComplete()).as("kind %d complete %s cut at %s", kind, what, Arrays.toString(cuts)).isEqualTo(valid);
    }

    private static byte[] ascii(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    /** A mix of valid characters of every width, adversarial atoms and, rarely, random bytes. */
    static byte[] randomInput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = random.nextInt(40);
        boolean corrupt = random.nextInt(3) == 0;
        for (int p = 0; p < parts; p++) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                out.writeBytes(ascii(random.nextInt(20)));
            } else if (kind < 8) {
                int cp;
                do {
                    cp = switch (random.nextInt(4)) {
                        case 0 -> 0x80 + random.nextInt(0x780);
                        case 1 -> 0x800 + random.nextInt(0xF800);
                        case 2 -> 0x10000 + random.nextInt(0x100000);
                        default -> random.nextInt(0x80);
                    };
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            } else if (kind == 8 && corrupt) {
                out.writeBytes(ATOMS.get(random.nextInt(ATOMS.size())));
            } else if (corrupt) {
                byte[] junk = new byte[1 + random.nextInt(4)];
                random.nextBytes(junk);
                out.writeBytes(junk);
            }
        }
        return out.toByteArray();
    }

    private static List<byte[]> atoms() {
        List<byte[]> atoms = new ArrayList<>();
        int[] boundaries = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xCFFF, 0xD000, 0xD7FF, 0xE000, 0xFFFD,
                0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF};
        for (int cp : boundaries) {
            byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            atoms.add(enc);
            for (int cut = 1; cut < enc.length; cut++) {
                atoms.add(Arrays.copyOf(enc, cut)); // truncated
            }
        }
        int[][] invalid = {
            {0xC0, 0x80}, {0xC0, 0xAF}, {0xC1, 0xBF},                    // overlong 2-byte
            {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF},                      // overlong 3-byte
            {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF},          // overlong 4-byte
            {0xED, 0xA0, 0x80}, {0xED, 0xAD, 0xBF}, {0xED, 0xBF, 0xBF},  // surrogates
            {0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80},                        // surrogate pair (CESU-8)
            {0xF4, 0x90, 0x80, 0x80}, {0xF4, 0xBF, 0xBF, 0xBF},          // above U+10FFFF
            {0xF5, 0x80, 0x80, 0x80}, {0xF7, 0xBF, 0xBF, 0xBF},
            {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}, {0xFE}, {0xFF},
            {0x80}, {0xBF}, {0x80, 0x80}, {0xC2, 0xC2, 0x80}, {0xE1, 0x80, 0xC0}, {0xF1, 0x80, 0x80, 0x7F},
            {0xC2, 0x41}, {0xE1, 0x41}, {0xF1, 0x41},
        };
        for (int[] seq : invalid) {
            atoms.add(WireFrames.bytes(seq));
        }
        return List.copyOf(atoms);
    }
}
