package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.bytes;
import static dev.ws.message.WireFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ws.InvalidPayloadException;
import dev.ws.Side;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Text is validated as it arrives, across fragments: 1007 at the first invalid byte. */
class MessageAssemblerUtf8Test {

    /** Autobahn 6.4.1: "κόσμε", then F4 90 80 80 (above U+10FFFF), then "edited", in three fragments. */
    private static final byte[] CASE_6_4_1 = WireFrames.fromClient()
            .frame(false, OP_TEXT, utf8("\u03ba\u1f79\u03c3\u03bc\u03b5"))
            .frame(false, OP_CONTINUATION, bytes(0xF4, 0x90, 0x80, 0x80))
            .frame(true, OP_CONTINUATION, utf8("-edited-")).bytes();

    @Test
    void failsFastAtTheFirstInvalidByteAcrossFragments_6_4_1() throws Exception {
        // frame 1: 6 header bytes and "κόσμε"; frame 2: 6 header bytes, F4, then 90 breaks the text
        int invalidAt = 6 + utf8("\u03ba\u1f79\u03c3\u03bc\u03b5").length + 6 + 1;
        RecordingListener listener = new RecordingListener();
        MessageAssembler a = new MessageAssembler(Side.SERVER, 1000, 1000, listener);
        byte[] wire = CASE_6_4_1.clone();
        for (int i = 0; i < wire.length; i++) {
            try {
                a.feed(ByteBuffer.wrap(wire, i, 1));
            } catch (InvalidPayloadException e) {
                assertThat(e.closeCode()).isEqualTo(1007);
                assertThat(i).as("failed at the byte that made the text invalid").isEqualTo(invalidAt);
                assertThat(listener.events).isEmpty();
                return;
            }
        }
        fail("no failure");
    }

    @Test
    void failsWhenTheMessageEndsInsideACodePoint() {
        byte[] wire = WireFrames.fromClient().frame(false, OP_TEXT, utf8("ok"))
                .frame(true, OP_CONTINUATION, bytes(0xE2, 0x82)).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("error:1007");
        assertThat(Feeder.server().bytewise(wire)).containsExactly("error:1007");
    }

    @Test
    void failsOnInvalidTextInOneWholeFrame() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_TEXT, bytes('a', 0xC0, 0xAF)).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("error:1007");
    }

    @Test
    void acceptsCodePointsSplitAcrossFragmentsAndFeeds() {
        byte[] wire = WireFrames.fromClient().frame(false, OP_TEXT, bytes(0xF0, 0x9F))
                .frame(false, OP_CONTINUATION, bytes(0x98))
                .frame(true, OP_CONTINUATION, bytes(0x80)).bytes();
        for (int cut = 0; cut <= wire.length; cut++) {
            assertThat(Feeder.server().split(wire, cut)).containsExactly("text:\uD83D\uDE00");
        }
    }

    @Test
    void doesNotValidateBinaryMessages() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_BINARY, bytes(0xFF, 0xC0)).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("binary:ffc0");
    }

    @Test
    void checksEachTextMessageFromAFreshStart() {
        byte[] wire = WireFrames.fromClient().binary(bytes(0xE2)).text("fine").bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("binary:e2", "text:fine");
    }

    /**
     * Regression: the validator's ASCII fast path read the byte after the range, so a text whose
     * chunk ended after 8 or 16 ASCII bytes was judged by the next frame's header byte (0x81, 0x89).
     */
    @Test
    void acceptsAsciiRunsOfWholeWordsFollowedByAnotherFrame() {
        for (int n : new int[] {8, 16, 24, 32, 40}) {
            String text = "x".repeat(n);
            byte[] wire = WireFrames.fromServer().text(text).ping("").text(text).bytes();
            assertThat(new Feeder(Side.CLIENT, 1000, 1000).whole(wire)).as("%d bytes", n)
                    .containsExactly("text:" + text, "ping:", "text:" + text);
        }
    }

    /** Regression: a close reason of 16 ASCII bytes threw ArrayIndexOutOfBoundsException in the validator. */
    @Test
    void acceptsACloseReasonOfSixteenAsciiBytes() {
        byte[] wire = WireFrames.fromClient().close(1000, "sixteen bytes ok").bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("close:1000:sixteen bytes ok");
    }
}
