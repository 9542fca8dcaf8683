package dev.ws.message;

import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.Masking;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Parses written bytes back into frames, structurally only, for assertions on the wire. */
final class WireParser {

    record ParsedFrame(boolean fin, int opcode, boolean masked, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** E.g. "TEXT fin 'hello'" or "PING fin 0a0b" (payload as text for data, hex for control). */
        @Override
        public String toString() {
            String op = switch (opcode) {
                case 0 -> "CONT";
                case 1 -> "TEXT";
                case 2 -> "BINARY";
                case 8 -> "CLOSE";
                case 9 -> "PING";
                case 10 -> "PONG";
                default -> "OP" + opcode;
            };
            String body = opcode < 8 ? "'" + text() + "'" : HexFormat.of().formatHex(payload);
            return op + (fin ? " fin " : " more ") + body;
        }
    }

    private WireParser() {
    }

    static List<ParsedFrame> parse(byte[] wire) {
        try {
            return parse(new ByteArrayInputStream(wire), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads up to {@code max} frames, or until the stream ends cleanly. */
    static List<ParsedFrame> parse(InputStream in, int max) throws IOException {
        List<ParsedFrame> frames = new ArrayList<>();
        FrameHeader h = new FrameHeader();
        byte[] scratch = new byte[FrameHeader.MAX_HEADER_SIZE];
        while (frames.size() < max && FrameIO.readHeader(in, scratch, h)) {
            byte[] payload = new byte[(int) h.length()];
            FrameIO.readFully(in, payload, 0, payload.length);
            if (h.masked()) {
                Masking.apply(payload, 0, payload.length, h.maskKey(), 0);
            }
            frames.add(new ParsedFrame(h.fin(), h.opcode(), h.masked(), payload));
        }
        return frames;
    }

    static List<String> describe(byte[] wire) {
        return parse(wire).stream().map(ParsedFrame::toString).toList();
    }
}
