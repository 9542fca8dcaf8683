package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7692 §6: RSV1 marks a compressed message on its first frame, and nowhere else. */
class CompressionBitTest {

    private final NegotiatedDeflate server = PerMessageDeflate.withDefaults()
            .negotiate(List.of(DeflateParametersTest.deflate()));

    @Test
    void inflatesOnlyMessagesWhoseFirstFrameHasRsv1() throws Exception {
        try (MessageInflater in = server.newInflater()) {
            assertThat(in.rsvBits()).isEqualTo(FrameHeader.RSV1);
            assertThat(in.startMessage(new FrameHeader().set(false, 0, OpCode.OP_TEXT, 5))).isFalse();
            assertThat(in.startMessage(new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_TEXT, 5))).isTrue();
        }
    }

    @Test
    void failsWith1002OnRsv1OnAControlFrame_X4() {
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> in.startMessage(new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_PING, 11)))
                    .isInstanceOf(ProtocolErrorException.class)
                    .hasMessageContaining("RSV1 set on a control frame");
        }
    }

    @Test
    void failsWith1002OnRsv1OnAContinuationFrame_X5() {
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> in.startMessage(
                    new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_CONTINUATION, 11)))
                    .isInstanceOf(ProtocolErrorException.class)
                    .hasMessageContaining("RSV1 set on a continuation frame")
                    .satisfies(e -> assertThat(((ProtocolErrorException) e).closeCode()).isEqualTo(1002));
        }
    }

    @Test
    void deflaterNamesTheBitToSet() {
        assertThat(MessageDeflater.RSV).isEqualTo(FrameHeader.RSV1);
        assertThat(server.rsvBits()).isEqualTo(FrameHeader.RSV1);
    }
}
