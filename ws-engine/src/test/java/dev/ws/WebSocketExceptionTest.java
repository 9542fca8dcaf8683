package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the failure hierarchy: each subtype stands for one close code (RFC 6455 §7.4.1), its close
 * status carries the message as a sendable reason, and only failures with a cause keep a stack trace.
 */
class WebSocketExceptionTest {

    @Test
    void eachSubtypeStandsForOneCloseCode() {
        Exception cause = new IllegalStateException("inner");
        List<WebSocketException> plain = List.of(new ProtocolErrorException("p"), new UnsupportedDataException("u"),
                new InvalidPayloadException("i"), new PolicyViolationException("v"), new MessageTooBigException("m"));
        List<WebSocketException> caused = List.of(new ProtocolErrorException("p", cause),
                new UnsupportedDataException("u", cause), new InvalidPayloadException("i", cause),
                new PolicyViolationException("v", cause), new MessageTooBigException("m", cause),
                new InternalErrorException("e", cause));
        int[] codes = {1002, 1003, 1007, 1008, 1009, 1011};
        for (int i = 0; i < codes.length; i++) {
            assertThat(caused.get(i).closeCode()).isEqualTo(codes[i]);
            assertThat(caused.get(i).getStackTrace()).isNotEmpty();
            assertThat(caused.get(i).getCause()).isSameAs(cause);
            assertThat(caused.get(i).closeStatus()).isEqualTo(new CloseStatus(codes[i], caused.get(i).getMessage()));
            if (i < plain.size()) { // 1011 is ours, never the peer's: it always has a cause
                assertThat(plain.get(i).closeCode()).isEqualTo(codes[i]);
                assertThat(plain.get(i).closeStatus()).isEqualTo(new CloseStatus(codes[i], plain.get(i).getMessage()));
                assertThat(plain.get(i).getStackTrace()).as("peer-caused: no stack trace").isEmpty();
                assertThat(plain.get(i).closeStatus().isSendable()).isTrue();
            }
        }
        assertThat(new MessageTooBigException("frame payload 9 exceeds the limit of 8"))
                .hasToString("MessageTooBigException (1009): frame payload 9 exceeds the limit of 8");
    }

    @Test
    void closeStatusTruncatesALongMessage() {
        WebSocketException e = new ProtocolErrorException("é".repeat(100));
        assertThat(e.closeStatus().toPayload().length).isLessThanOrEqualTo(125);
        assertThat(e.closeStatus().reason()).isEqualTo("é".repeat(61));
    }

    @Test
    void closeCodesHaveNames() {
        int[] named = {1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015};
        for (int code : named) {
            assertThat(CloseCodes.describe(code)).isNotIn("unknown", "application");
        }
        assertThat(CloseCodes.describe(3000)).isEqualTo("application");
        assertThat(CloseCodes.describe(4999)).isEqualTo("application");
        assertThat(CloseCodes.describe(1004)).isEqualTo("unknown");
        assertThat(CloseCodes.describe(5000)).isEqualTo("unknown");
    }
}
