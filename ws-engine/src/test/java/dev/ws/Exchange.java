package dev.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test helper: builds requests, runs the sans-I/O upgrade, parses the response it wrote. */
final class Exchange {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private Exchange() {
    }

    /** Lines joined with CRLF and ended by the blank line. */
    static String request(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    /** A valid upgrade of {@code /chat} with the RFC 6455 example key, plus {@code extra} lines. */
    static String valid(String... extra) {
        List<String> lines = new ArrayList<>(List.of("GET /chat HTTP/1.1", "Host: server.example.com",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
        lines.addAll(List.of(extra));
        return request(lines.toArray(String[]::new));
    }

    /** {@link #valid} without the header named {@code drop} (ignoring case). */
    static String without(String drop, String... extra) {
        List<String> lines = new ArrayList<>();
        for (String line : valid(extra).split("\r\n")) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith(drop.toLowerCase(Locale.ROOT) + ":")) {
                lines.add(line);
            }
        }
        return request(lines.toArray(String[]::new));
    }

    /** {@link #valid} with the value of header {@code name} replaced. */
    static String replacing(String name, String value) {
        List<String> lines = new ArrayList<>();
        for (String line : valid().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                lines.add(name + ": " + value);
            } else if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return request(lines.toArray(String[]::new));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Response run(Upgrader upgrader, String request) {
        return run(upgrader, bytes(request), new HandshakeResult());
    }

    static Response run(Upgrader upgrader, byte[] request, HandshakeResult result) {
        ByteBuffer in = ByteBuffer.wrap(request);
        ByteBuffer out = ByteBuffer.allocate(upgrader.responseBufferSize());
        int outcome = upgrader.upgrade(in, out, result);
        return Response.parse(outcome, in.position(), out, result);
    }

    /** A parsed response; headers by lower-case name. */
    record Response(int outcome, int consumed, String raw, int status, Map<String, List<String>> headers, String body,
                    HandshakeResult result) {

        static Response parse(int outcome, int consumed, ByteBuffer out, HandshakeResult result) {
            String raw = new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
            if (outcome == Upgrader.NEED_MORE) {
                return new Response(outcome, consumed, raw, 0, Map.of(), "", result);
            }
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new Response(outcome, consumed, raw, Integer.parseInt(statusLine[1]), headers,
                    raw.substring(end + 4), result);
        }

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : String.join(", ", v);
        }
    }
}
