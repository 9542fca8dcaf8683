package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_PING;
import static dev.ws.OpCode.OP_PONG;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Side;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message shape gives the same listener calls whether fed in one piece, split at every byte
 * boundary, byte by byte, or in random chunks.
 */
class MessageAssemblerResumeTest {

    static Stream<Arguments> shapes() {
        byte[] b200 = new byte[200];
        new Random(1).nextBytes(b200);
        byte[] euro = utf8("€"); // E2 82 AC, split across fragments below
        return Stream.of(
                Arguments.of("text", (Shape) w -> w.text("hello"), List.of("text:hello")),
                Arguments.of("empty text and binary", (Shape) w -> w.text("").binary(new byte[0]), List.of("text:", "binary:")),
                Arguments.of("binary with a 16-bit length", (Shape) w -> w.binary(b200),
                        List.of("binary:" + HexFormat.of().formatHex(b200))),
                Arguments.of("fragmented text, code point split across fragments", (Shape) w -> w.frame(false, OP_TEXT, utf8("h\u00e9"))
                                .frame(false, OP_CONTINUATION, new byte[] {euro[0]})
                                .frame(false, OP_CONTINUATION, new byte[0])
                                .frame(true, OP_CONTINUATION, new byte[] {euro[1], euro[2], 'x'}),
                        List.of("text:h\u00e9\u20acx")),
                Arguments.of("fragmented binary with empty fragments", (Shape) w -> w.frame(false, OP_BINARY, new byte[0])
                                .frame(false, OP_CONTINUATION, new byte[] {1, 2})
                                .frame(true, OP_CONTINUATION, new byte[0]),
                        List.of("binary:0102")),
                Arguments.of("all fragments empty", (Shape) w -> w.frame(false, OP_TEXT, new byte[0])
                                .frame(true, OP_CONTINUATION, new byte[0]), List.of("text:")),
                Arguments.of("control frames between fragments", (Shape) w -> w.frame(false, OP_TEXT, utf8("ab"))
                                .ping("p1").frame(false, OP_CONTINUATION, utf8("cd")).pong("")
                                .ping("").frame(true, OP_CONTINUATION, utf8("ef")),
                        List.of("ping:7031", "pong:", "ping:", "text:abcdef")),
                Arguments.of("messages in a row, 4-byte code points", (Shape) w -> w.text("\uD83D\uDE00 ok").binary(new byte[] {9}).ping("x").text("z"),
                        List.of("text:\uD83D\uDE00 ok", "binary:09", "ping:78", "text:z")),
                Arguments.of("close ends the stream; later bytes are ignored", (Shape) w -> w.text("a").close(1000, "bye").raw(0x00, 0x00, 0xFF),
                        List.of("text:a", "close:1000:bye")),
                Arguments.of("close in the middle of a fragmented message", (Shape) w -> w.frame(false, OP_BINARY, new byte[] {1}).close(1001, ""),
                        List.of("close:1001:")),
                Arguments.of("empty close", (Shape) w -> w.frame(true, 0x8, new byte[0]),
                        List.of("close:1005:")),
                Arguments.of("125-byte ping and pong", (Shape) w -> w.frame(true, OP_PING, new byte[125]).frame(true, OP_PONG, new byte[125]),
                        List.of("ping:" + "00".repeat(125), "pong:" + "00".repeat(125))));
    }

    /** Builds a shape's frames, masked or not. */
    interface Shape extends java.util.function.UnaryOperator<WireFrames> {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void givesTheSameCallsInOnePiece(String name, Shape shape, List<String> expected) {
        assertThat(Feeder.server().whole(shape.apply(WireFrames.fromClient()).bytes())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void resumesAtEveryByteBoundary(String name, Shape shape, List<String> expected) {
        byte[] bytes = shape.apply(WireFrames.fromClient()).bytes();
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(Feeder.server().split(bytes, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(Feeder.server().bytewise(bytes)).as("byte by byte").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void resumesInRandomChunks(String name, Shape shape, List<String> expected) {
        byte[] bytes = shape.apply(WireFrames.fromClient()).bytes();
        for (long seed = 0; seed < 50; seed++) {
            assertThat(Feeder.server().random(bytes, seed, 7)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void clientSideReadsUnmaskedFramesAlike(String name, Shape shape, List<String> expected) {
        Feeder client = new Feeder(Side.CLIENT, 1 << 20, 1 << 20);
        byte[] bytes = shape.apply(WireFrames.fromServer()).bytes();
        assertThat(client.whole(bytes)).isEqualTo(expected);
        assertThat(client.random(bytes, 7, 5)).isEqualTo(expected);
        assertThat(client.whole(shape.apply(WireFrames.fromClient()).bytes()))
                .as("a masked frame sent to a client").containsExactly("error:1002");
    }

    /** Random message sequences, fragmented at random, with control frames mixed in. */
    @Property(tries = 200)
    void randomConversationsResumeAnywhere(@ForAll long seed) {
        Random random = new Random(seed);
        WireFrames wire = WireFrames.fromClient();
        List<String> expected = new ArrayList<>();
        int messages = 1 + random.nextInt(6);
        for (int m = 0; m < messages; m++) {
            boolean text = random.nextBoolean();
            byte[] payload = text ? utf8(randomText(random, random.nextInt(300)))
                    : randomBytes(random, random.nextInt(70_000) < 500 ? 66_000 : random.nextInt(300));
            int fragments = 1 + random.nextInt(4);
            int at = 0;
            for (int f = 0; f < fragments; f++) {
                int end = f == fragments - 1 ? payload.length : at + random.nextInt(payload.length - at + 1);
                byte[] part = java.util.Arrays.copyOfRange(payload, at, end);
                wire.frame(f == fragments - 1, f == 0 ? (text ? OP_TEXT : OP_BINARY) : OP_CONTINUATION, part);
                at = end;
                if (f < fragments - 1 && random.nextInt(3) == 0) {
                    byte[] ping = randomBytes(random, random.nextInt(126));
                    wire.frame(true, OP_PING, ping);
                    expected.add("ping:" + HexFormat.of().formatHex(ping));
                }
            }
            expected.add(text ? "text:" + new String(payload, java.nio.charset.StandardCharsets.UTF_8)
                    : "binary:" + HexFormat.of().formatHex(payload));
        }
        byte[] bytes = wire.bytes();
        assertThat(Feeder.server().whole(bytes)).isEqualTo(expected);
        assertThat(Feeder.server().random(bytes, seed, 1 + random.nextInt(2000))).isEqualTo(expected);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String randomText(Random random, int codePoints) {
        StringBuilder sb = new StringBuilder();
        int[] samples = {'a', 'Z', ' ', 0xE9, 0x3B1, 0x20AC, 0xFFFD, 0x1F600, 0x10FFFF};
        for (int i = 0; i < codePoints; i++) {
            sb.appendCodePoint(samples[random.nextInt(samples.length)]);
        }
        return sb.toString();
    }
}
