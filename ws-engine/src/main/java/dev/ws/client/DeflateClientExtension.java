package dev.ws.client;

import dev.ws.deflate.MessageDeflater;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.http.HeaderOption;
import dev.ws.message.InboundExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * permessage-deflate (RFC 7692) for the dialer: offers what the configuration allows, validates
 * the server's answer strictly ({@link PerMessageDeflate#acceptResponse}), and compresses outgoing
 * messages into a buffer reused per connection.
 */
final class DeflateClientExtension implements ClientExtension {

    private final PerMessageDeflate config;

    DeflateClientExtension(PerMessageDeflate config) {
        this.config = config;
    }

    @Override
    public List<HeaderOption> offers() {
        return config.offers();
    }

    @Override
    public Agreement accept(List<HeaderOption> response) throws IOException {
        NegotiatedDeflate negotiated = config.acceptResponse(response);
        return negotiated == null ? null : new DeflateAgreement(negotiated);
    }

    private record DeflateAgreement(NegotiatedDeflate negotiated) implements Agreement {

        @Override
        public HeaderOption responseOption() {
            return negotiated.responseOption();
        }

        @Override
        public int rsvBits() {
            return negotiated.rsvBits();
        }

        @Override
        public InboundExtension newInbound() {
            return negotiated.newInflater();
        }

        @Override
        public OutboundExtension newOutbound() {
            return new Compressing(negotiated.newDeflater());
        }
    }

    /** Compresses whole messages; the output buffer is reused (valid until the next call). */
    private static final class Compressing implements OutboundExtension {

        private final MessageDeflater deflater;
        private ByteBuffer out = ByteBuffer.allocate(0);

        Compressing(MessageDeflater deflater) {
            this.deflater = deflater;
        }

        @Override
        public int rsvBits() {
            return MessageDeflater.RSV;
        }

        @Override
        public ByteBuffer transform(int opcode, ByteBuffer message) {
            if (!deflater.shouldCompress(message.remaining())) {
                return null;
            }
            int bound = MessageDeflater.maxCompressedLength(message.remaining());
            if (out.capacity() < bound) {
                out = ByteBuffer.allocate(bound);
            }
            out.clear();
            deflater.compress(message.duplicate(), out);
            return out.flip();
        }

        @Override
        public void close() {
            deflater.close();
            out = null;
        }
    }
}
