package dev.ws;

import static dev.ws.Exchange.bytes;
import static dev.ws.Exchange.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Exchange.Response;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NEED_MORE is a pure function of the bytes so far: nothing consumed, nothing written, same end result. */
class UpgraderResumeTest {

    private static final Upgrader UPGRADER = Upgrader.builder().subprotocols("chat").captureHeaders("Origin").build();
    private static final String REQUEST = valid("Origin: http://example.com", "Sec-WebSocket-Protocol: x, chat",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64)");

    @Test
    void resumesAtEveryByteBoundary() {
        byte[] request = bytes(REQUEST);
        Response whole = Exchange.run(UPGRADER, request, new HandshakeResult());
        assertThat(whole.outcome()).isEqualTo(Upgrader.UPGRADED);
        HandshakeResult result = new HandshakeResult();
        for (int cut = 0; cut < request.length; cut++) {
            ByteBuffer in = ByteBuffer.wrap(request, 0, cut);
            ByteBuffer out = ByteBuffer.allocate(UPGRADER.responseBufferSize());
            assertThat(UPGRADER.upgrade(in, out, result)).as("cut at %d", cut).isEqualTo(Upgrader.NEED_MORE);
            assertThat(in.position()).isZero();
            assertThat(out.position()).isZero();
            assertThat(result.isUpgraded()).isFalse();
            Response rest = Exchange.run(UPGRADER, request, result);
            assertThat(rest.raw()).as("cut at %d", cut).isEqualTo(whole.raw());
            assertThat(rest.consumed()).isEqualTo(request.length);
            assertThat(result.subprotocol()).isEqualTo("chat");
            assertThat(result.header("origin")).isEqualTo("http://example.com");
        }
    }

    @Test
    void oneByteAtATimeInAGrowingBufferOfEveryKind() {
        byte[] request = bytes(REQUEST);
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer in = direct ? ByteBuffer.allocateDirect(request.length + 10) : ByteBuffer.allocate(request.length + 10);
            in.position(3).limit(3); // a caller's buffer need not start at 0
            ByteBuffer out = direct ? ByteBuffer.allocateDirect(UPGRADER.responseBufferSize())
                    : ByteBuffer.allocate(UPGRADER.responseBufferSize());
            HandshakeResult result = new HandshakeResult();
            int outcome = Upgrader.NEED_MORE;
            for (int i = 0; i < request.length; i++) {
                assertThat(outcome).isEqualTo(Upgrader.NEED_MORE);
                in.limit(in.limit() + 1);
                in.put(in.limit() - 1, request[i]);
                outcome = UPGRADER.upgrade(in, out, result);
            }
            assertThat(outcome).isEqualTo(Upgrader.UPGRADED);
            assertThat(in.position()).isEqualTo(3 + request.length);
            assertThat(result.path()).isEqualTo("/chat");
        }
    }

    @Test
    void randomChunksGiveTheSameResponse() {
        byte[] request = bytes(REQUEST);
        String expected = Exchange.run(UPGRADER, request, new HandshakeResult()).raw();
        Random random = new Random(42);
        HandshakeResult result = new HandshakeResult();
        for (int round = 0; round < 200; round++) {
            int length = 0;
            Response r;
            do {
                length = Math.min(request.length, length + 1 + random.nextInt(40));
                r = Exchange.run(UPGRADER, Arrays.copyOf(request, length), result);
            } while (r.outcome() == Upgrader.NEED_MORE);
            assertThat(length).isEqualTo(request.length);
            assertThat(r.raw()).isEqualTo(expected);
        }
    }

    @Test
    void h15KeepsBytesAfterTheHeadInTheInput() {
        byte[] head = bytes(valid());
        byte[] frames = {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4, (byte) 0x81, (byte) 0x82, 9, 9, 9, 9, 'h' ^ 9, 'i' ^ 9};
        byte[] request = Arrays.copyOf(head, head.length + frames.length);
        System.arraycopy(frames, 0, request, head.length, frames.length);
        ByteBuffer in = ByteBuffer.wrap(request);
        int outcome = UPGRADER.upgrade(in, ByteBuffer.allocate(UPGRADER.responseBufferSize()), new HandshakeResult());
        assertThat(outcome).isEqualTo(Upgrader.UPGRADED);
        assertThat(in.position()).isEqualTo(head.length);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        assertThat(rest).isEqualTo(frames);
    }

    @Test
    void rejectsWith431AsSoonAsMaxHeadBytesArriveWithoutTheBlankLine() {
        Upgrader upgrader = Upgrader.builder().maxHeadBytes(512).build();
        byte[] start = bytes(valid("X-Pad: " + "p".repeat(1000)));
        Response justBelow = Exchange.run(upgrader, Arrays.copyOf(start, 511), new HandshakeResult());
        assertThat(justBelow.outcome()).isEqualTo(Upgrader.NEED_MORE);
        Response atLimit = Exchange.run(upgrader, Arrays.copyOf(start, 512), new HandshakeResult());
        assertThat(atLimit.outcome()).isEqualTo(Upgrader.REJECTED);
        assertThat(atLimit.status()).isEqualTo(431);
        assertThat(atLimit.result().rejection()).isSameAs(HandshakeRejectedException.HEAD_TOO_LARGE);
    }

    @Test
    void acceptsAHeadOfExactlyMaxHeadBytesFollowedByMoreData() {
        String base = valid("X-Pad: ");
        int pad = 512 - base.length();
        byte[] head = bytes(valid("X-Pad: " + "p".repeat(pad)));
        assertThat(head.length).isEqualTo(512);
        byte[] withFrame = Arrays.copyOf(head, 600);
        Response r = Exchange.run(Upgrader.builder().maxHeadBytes(512).build(), withFrame, new HandshakeResult());
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.consumed()).isEqualTo(512);
    }

    @Test
    void rejectsSyntaxErrorsBeforeTheHeadIsComplete() {
        Response r = Exchange.run(UPGRADER, bytes("GET /chat HTTP/1.1\r\nNo colon\r\n"), new HandshakeResult());
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void oneResultServesManyHandshakesInTurn() {
        HandshakeResult result = new HandshakeResult();
        String big = valid("X-Pad: " + "p".repeat(5000));
        for (int i = 0; i < 20; i++) {
            String request = i % 3 == 0 ? big : i % 3 == 1 ? valid().replace("/chat", "/room/" + i) : Exchange.without("Host");
            Response r = Exchange.run(UPGRADER, bytes(request), result);
            if (i % 3 == 2) {
                assertThat(r.status()).isEqualTo(400);
                assertThat(result.isUpgraded()).isFalse();
            } else {
                assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
                assertThat(result.rejection()).isNull();
                assertThat(result.path()).isEqualTo(i % 3 == 0 ? "/chat" : "/room/" + i);
            }
        }
    }
}
