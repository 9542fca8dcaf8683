package dev.ws;

import dev.ws.http.HeaderOption;
import dev.ws.http.HeaderOptions;
import dev.ws.http.HeaderValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Subprotocol selection (RFC 6455 §4.2.2 item 5.5) and extension negotiation (§9.1) for the
 * {@link Upgrader}: collect the offers of every header in order, ask the application, check that
 * what it chose was offered. Runs only when the client offered something, so a typical upgrade
 * never gets here (and these lists are its only allocations when it does).
 */
final class Negotiation {

    private Negotiation() {
    }

    /** Sets the result's subprotocol; a choice that was not offered is a server bug (500). */
    static void selectSubprotocol(SubprotocolSelector subprotocols, RequestHead head, HandshakeResult result)
            throws HandshakeRejectedException {
        List<String> offered = new ArrayList<>();
        for (int i = 0, count = head.headerCount(); i < count; i++) {
            if (head.kind(i) == RequestHead.PROTOCOL) {
                HeaderValues.tokens(head.valueView(i), offered);
            }
        }
        String chosen = subprotocols.select(head, Collections.unmodifiableList(offered), result);
        if (chosen != null) {
            if (!offered.contains(chosen)) {
                throw new IllegalStateException("the subprotocol selector chose \"" + chosen + "\", which was not offered");
            }
            result.subprotocol(chosen);
        }
    }

    /**
     * Offers of every {@code Sec-WebSocket-Extensions} header, in order, go to each negotiator; an
     * accepted extension whose RSV bits clash with one accepted before it is declined (RFC 6455 §9.1:
     * the server must not accept what it cannot do together).
     */
    static void negotiateExtensions(ExtensionNegotiator[] negotiators, RequestHead head, HandshakeResult result) {
        List<HeaderOption> offers = new ArrayList<>();
        for (int i = 0, count = head.headerCount(); i < count; i++) {
            if (head.kind(i) == RequestHead.EXTENSIONS) {
                HeaderOptions.parse(head.valueView(i), offers::add);
            }
        }
        if (offers.isEmpty()) {
            return;
        }
        List<HeaderOption> view = Collections.unmodifiableList(offers);
        List<NegotiatedExtension> accepted = new ArrayList<>(negotiators.length);
        List<HeaderOption> response = new ArrayList<>(negotiators.length);
        int rsv = 0;
        for (ExtensionNegotiator negotiator : negotiators) {
            NegotiatedExtension ext = negotiator.negotiate(view);
            if (ext == null || (ext.rsvBits() & rsv) != 0) {
                continue;
            }
            HeaderOption option = ext.responseOption();
            if (offers.stream().noneMatch(o -> o.name().equalsIgnoreCase(option.name()))) {
                throw new IllegalStateException("negotiator " + negotiator + " accepted " + option.name()
                        + ", which was not offered");
            }
            rsv |= ext.rsvBits();
            accepted.add(ext);
            response.add(option);
        }
        if (!accepted.isEmpty()) {
            result.extensionsResponse = HeaderOptions.format(response);
            result.extensions(List.copyOf(accepted));
        }
    }
}
