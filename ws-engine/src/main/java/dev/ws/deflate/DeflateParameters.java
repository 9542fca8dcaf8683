package dev.ws.deflate;

import dev.ws.http.HeaderOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The four parameters of a permessage-deflate offer or response (RFC 7692 §7.1), parsed strictly
 * and rendered in their canonical form.
 *
 * <p>Window bits are {@link #ABSENT} (0) when the parameter is not present, or a value from
 * {@link #MIN_WINDOW_BITS} to {@link #MAX_WINDOW_BITS}. {@code client_max_window_bits} may also be
 * {@link #NO_VALUE} (-1): present without a value, which only an offer may send (§7.1.2.2).
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover}: the server resets its
 *                                compression context after each message (§7.1.1.1)
 * @param clientNoContextTakeover {@code client_no_context_takeover}: the client does (§7.1.1.2)
 * @param serverMaxWindowBits     {@code server_max_window_bits} (§7.1.2.1), 0 when absent
 * @param clientMaxWindowBits     {@code client_max_window_bits} (§7.1.2.2), 0 when absent, -1 when
 *                                present without a value
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    /** The extension's registered name (RFC 7692 §7). */
    public static final String EXTENSION_NAME = "permessage-deflate";
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** A window-bits parameter that is not present. */
    public static final int ABSENT = 0;
    /** {@code client_max_window_bits} present without a value (offers only, §7.1.2.2). */
    public static final int NO_VALUE = -1;
    /** The smallest LZ77 window RFC 7692 allows: 2^8 = 256 bytes. */
    public static final int MIN_WINDOW_BITS = 8;
    /** The largest LZ77 window DEFLATE allows (RFC 1951): 2^15 = 32 KiB, also the default. */
    public static final int MAX_WINDOW_BITS = 15;

    /** No parameters: both sides keep their context and use 32 KiB windows. */
    public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, ABSENT, ABSENT);

    public DeflateParameters {
        if (serverMaxWindowBits != ABSENT && !isWindowBits(serverMaxWindowBits)) {
            throw new IllegalArgumentException("server_max_window_bits " + serverMaxWindowBits + " is not in 8..15");
        }
        if (clientMaxWindowBits != ABSENT && clientMaxWindowBits != NO_VALUE && !isWindowBits(clientMaxWindowBits)) {
            throw new IllegalArgumentException("client_max_window_bits " + clientMaxWindowBits + " is not in 8..15");
        }
    }

    /**
     * Parses a client's offer. Every rule of RFC 7692 §7.1 is checked: only the four known
     * parameters, none twice, no value on the no_context_takeover flags, window bits a decimal in
     * 8..15 without leading zeros (quoted values arrive unquoted in {@link HeaderOption}).
     *
     * @throws DeflateNegotiationException naming the first broken rule; a server declines such an
     *                                     offer (RFC 7692 §5), it does not fail the handshake
     */
    public static DeflateParameters parseOffer(HeaderOption offer) throws DeflateNegotiationException {
        return parse(offer, true);
    }

    /**
     * Parses a server's response with the rules of {@link #parseOffer} and one more:
     * {@code client_max_window_bits} must carry a value (RFC 7692 §7.1.2.2).
     *
     * @throws DeflateNegotiationException naming the first broken rule; a client fails the
     *                                     connection (RFC 7692 §5)
     */
    public static DeflateParameters parseResponse(HeaderOption response) throws DeflateNegotiationException {
        return parse(response, false);
    }

    private static DeflateParameters parse(HeaderOption option, boolean offer) throws DeflateNegotiationException {
        if (!isDeflate(option)) {
            throw new DeflateNegotiationException("not a permessage-deflate option: " + option.name());
        }
        boolean snct = false;
        boolean cnct = false;
        int smwb = ABSENT;
        int cmwb = ABSENT;
        int seen = 0;
        for (HeaderOption.Parameter p : option.parameters()) {
            String name = p.name();
            int bit;
            if (name.equalsIgnoreCase(SERVER_NO_CONTEXT_TAKEOVER)) {
                bit = 1;
                requireNoValue(p);
                snct = true;
            } else if (name.equalsIgnoreCase(CLIENT_NO_CONTEXT_TAKEOVER)) {
                bit = 2;
                requireNoValue(p);
                cnct = true;
            } else if (name.equalsIgnoreCase(SERVER_MAX_WINDOW_BITS)) {
                bit = 4;
                if (p.value() == null) {
                    throw new DeflateNegotiationException("server_max_window_bits without a value (RFC 7692 §7.1.2.1)");
                }
                smwb = parseWindowBits(p);
            } else if (name.equalsIgnoreCase(CLIENT_MAX_WINDOW_BITS)) {
                bit = 8;
                if (p.value() == null) {
                    if (!offer) {
                        throw new DeflateNegotiationException(
                                "client_max_window_bits without a value in a response (RFC 7692 §7.1.2.2)");
                    }
                    cmwb = NO_VALUE;
                } else {
                    cmwb = parseWindowBits(p);
                }
            } else {
                throw new DeflateNegotiationException("unknown permessage-deflate parameter " + name);
            }
            if ((seen & bit) != 0) {
                throw new DeflateNegotiationException("duplicate parameter " + name + " (RFC 7692 §7)");
            }
            seen |= bit;
        }
        return new DeflateParameters(snct, cnct, smwb, cmwb);
    }

    private static void requireNoValue(HeaderOption.Parameter p) throws DeflateNegotiationException {
        if (p.value() != null) {
            throw new DeflateNegotiationException(p.name() + " must not have a value, got \"" + p.value() + "\"");
        }
    }

    /** RFC 7692 §7.1.2: a decimal integer from 8 to 15 without leading zeros ({@code 1*DIGIT}). */
    private static int parseWindowBits(HeaderOption.Parameter p) throws DeflateNegotiationException {
        String v = p.value();
        boolean wellFormed = v.length() == 1 ? v.charAt(0) >= '8' && v.charAt(0) <= '9'
                : v.length() == 2 && v.charAt(0) == '1' && v.charAt(1) >= '0' && v.charAt(1) <= '5';
        if (!wellFormed) {
            throw new DeflateNegotiationException(p.name() + "=" + v + " is not a decimal in 8..15 (RFC 7692 §7.1.2)");
        }
        return Integer.parseInt(v);
    }

    /** Whether an option names this extension (case-insensitive, as extension tokens are compared). */
    public static boolean isDeflate(HeaderOption option) {
        return option.name().equalsIgnoreCase(EXTENSION_NAME);
    }

    /** Whether {@code bits} is a window size RFC 7692 allows (8..15). */
    public static boolean isWindowBits(int bits) {
        return bits >= MIN_WINDOW_BITS && bits <= MAX_WINDOW_BITS;
    }

    /** The window the server compresses with: the parameter's value, or 15 when absent. */
    public int effectiveServerWindowBits() {
        return serverMaxWindowBits == ABSENT ? MAX_WINDOW_BITS : serverMaxWindowBits;
    }

    /** The window the client compresses with: the parameter's value, or 15 when absent or valueless. */
    public int effectiveClientWindowBits() {
        return clientMaxWindowBits <= ABSENT ? MAX_WINDOW_BITS : clientMaxWindowBits;
    }

    /** The parameters as an option, in the canonical order used here; safe to write into a header. */
    public HeaderOption toOption() {
        List<HeaderOption.Parameter> ps = new ArrayList<>(4);
        if (serverNoContextTakeover) {
            ps.add(new HeaderOption.Parameter(SERVER_NO_CONTEXT_TAKEOVER, null));
        }
        if (clientNoContextTakeover) {
            ps.add(new HeaderOption.Parameter(CLIENT_NO_CONTEXT_TAKEOVER, null));
        }
        if (serverMaxWindowBits != ABSENT) {
            ps.add(new HeaderOption.Parameter(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits != ABSENT) {
            ps.add(new HeaderOption.Parameter(CLIENT_MAX_WINDOW_BITS,
                    clientMaxWindowBits == NO_VALUE ? null : Integer.toString(clientMaxWindowBits)));
        }
        return new HeaderOption(EXTENSION_NAME, ps);
    }

    /** The header form, e.g. {@code permessage-deflate; server_no_context_takeover}. */
    @Override
    public String toString() {
        return toOption().toString();
    }
}
