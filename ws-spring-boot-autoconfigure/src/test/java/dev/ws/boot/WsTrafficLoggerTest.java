package dev.ws.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.Proxy;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

/** How a frame becomes one log line: caps, UTF-8 boundaries, escapes, hex, close bodies. */
class WsTrafficLoggerTest {

    /** A commons-logging Log that records debug lines; debug can be switched off. */
    static final class RecordingLog {
        final List<String> lines = new ArrayList<>();
        final Log log;

        RecordingLog(boolean debug) {
            log = (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] {Log.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isDebugEnabled" -> debug;
                        case "debug" -> lines.add(String.valueOf(args[0]));
                        default -> method.getReturnType() == boolean.class ? false : null;
                    });
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private final WsTrafficLogger logger = new WsTrafficLogger(new RecordingLog(true).log, 8);

    @Test
    void showsShortTextWhole() {
        assertThat(logger.frame(OpCode.TEXT, utf8("hello"))).isEqualTo("text 5 B: hello");
    }

    @Test
    void cutsLongTextAtTheLimitAndSaysHowMuchIsLeft() {
        assertThat(logger.frame(OpCode.TEXT, utf8("0123456789abc"))).isEqualTo("text 13 B: 01234567… (5 B more)");
    }

    @Test
    void cutsTextOnACodePointBoundary() {
        // "aaaaaaa€": the euro sign's 3 bytes straddle the 8-byte limit, so it is left out whole
        assertThat(logger.frame(OpCode.TEXT, utf8("aaaaaaa€"))).isEqualTo("text 10 B: aaaaaaa… (3 B more)");
    }

    @Test
    void escapesLineBreaksSoThatOneFrameIsOneLine() {
        assertThat(logger.frame(OpCode.TEXT, utf8("a\nb\r\u0001"))).isEqualTo("text 5 B: a\\nb\\r\\u0001");
    }

    @Test
    void showsBinaryAsHex() {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xAB, 0x7F, 1, 2, 3, 4, 5, 6});
        assertThat(logger.frame(OpCode.BINARY, data)).isEqualTo("binary 10 B: 0001ab7f01020304… (2 B more)");
        assertThat(data.position()).isZero();
    }

    @Test
    void showsCloseBodiesAsCodeAndReason() {
        ByteBuffer body = ByteBuffer.wrap(new CloseStatus(1008, "slow consumer").toPayload());
        assertThat(logger.frame(OpCode.CLOSE, body)).isEqualTo("close 15 B: 1008 slow consumer");
        assertThat(logger.frame(OpCode.CLOSE, ByteBuffer.allocate(0))).isEqualTo("close 0 B");
    }

    @Test
    void showsNoPayloadWithALimitOfZero() {
        WsTrafficLogger none = new WsTrafficLogger(new RecordingLog(true).log, 0);
        assertThat(none.frame(OpCode.TEXT, utf8("secret"))).isEqualTo("text 6 B");
        assertThatIllegalArgumentException().isThrownBy(() -> new WsTrafficLogger(new RecordingLog(true).log, -1));
    }

    @Test
    void logsNothingWhenTheLoggerIsNotAtDebug() {
        RecordingLog log = new RecordingLog(false);
        WsTrafficLogger quiet = new WsTrafficLogger(log.log, 8);
        quiet.onReceived(null, OpCode.TEXT, utf8("x")); // returns before touching the session
        quiet.onSent(null, OpCode.TEXT, utf8("x"));
        quiet.onHandshakeRejected(401, "no");
        assertThat(log.lines).isEmpty();
    }
}
