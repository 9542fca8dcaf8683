package dev.ws.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client opening handshake (RFC 6455 §4.1): the request bytes with a fresh random key, and the check of the
 * server's response head (status 101 and the {@code Sec-WebSocket-Accept} derived from the key, §4.2.2). No
 * extensions and no subprotocol are offered.
 */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final byte[] request;
    private final String expectedAccept;

    Handshake(String host, int port, String path) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        this.expectedAccept = acceptFor(key);
        this.request = ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@return the request bytes; the caller must not change them} */
    byte[] request() {
        return request;
    }

    /**
     * Checks a response head.
     *
     * @param head the response up to, not including, the blank line
     * @return {@code null} when it accepts the upgrade, else what is wrong with it
     */
    String check(String head) {
        int eol = head.indexOf("\r\n");
        String status = eol < 0 ? head : head.substring(0, eol);
        if (!status.startsWith("HTTP/1.1 101")) {
            return "status '" + status + "'";
        }
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                String accept = line.substring(colon + 1).trim();
                return accept.equals(expectedAccept) ? null : "accept '" + accept + "' != '" + expectedAccept + "'";
            }
        }
        return "no Sec-WebSocket-Accept";
    }

    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
