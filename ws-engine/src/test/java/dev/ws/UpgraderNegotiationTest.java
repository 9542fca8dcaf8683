package dev.ws;

import static dev.ws.Exchange.run;
import static dev.ws.Exchange.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Exchange.Response;
import dev.ws.http.HeaderOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subprotocol selection (RFC 6455 §4.2.2 item 5.5) and extension negotiation (§9.1, RFC 7692 §5). */
class UpgraderNegotiationTest {

    /** Accepts the first offer named {@code name}, answering with its parameters. */
    private record Accepting(String name, int rsv) implements ExtensionNegotiator {
        @Override
        public NegotiatedExtension negotiate(List<HeaderOption> offers) {
            for (HeaderOption o : offers) {
                if (o.name().equals(name)) {
                    return new Negotiated(o, rsv);
                }
            }
            return null;
        }
    }

    private record Negotiated(HeaderOption responseOption, int rsvBits) implements NegotiatedExtension {
    }

    @Test
    void selectsTheFirstSupportedSubprotocolInClientOrder() {
        Upgrader upgrader = Upgrader.builder().subprotocols("chat", "superchat").build();
        Response r = run(upgrader, valid("Sec-WebSocket-Protocol: x-unknown, superchat, chat"));
        assertThat(r.header("Sec-WebSocket-Protocol")).isEqualTo("superchat");
        assertThat(r.result().subprotocol()).isEqualTo("superchat");
    }

    @Test
    void offersFromSeveralHeadersAreOneListInOrder() {
        List<List<String>> seen = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().subprotocols((head, offered, result) -> {
            seen.add(offered);
            return offered.get(2);
        }).build();
        Response r = run(upgrader, valid("Sec-WebSocket-Protocol: a, b", "Sec-WebSocket-Protocol: c", "Sec-WebSocket-Protocol:"));
        assertThat(seen).containsExactly(List.of("a", "b", "c"));
        assertThat(r.header("Sec-WebSocket-Protocol")).isEqualTo("c");
    }

    @Test
    void h16SelectsNoneWhenNothingMatches() {
        Upgrader upgrader = Upgrader.builder().subprotocols("chat").build();
        Response r = run(upgrader, valid("Sec-WebSocket-Protocol: x-wsconf-a, x-wsconf-b"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.header("Sec-WebSocket-Protocol")).isNull();
        assertThat(r.result().subprotocol()).isNull();
    }

    @Test
    void withoutSelectorNoSubprotocolIsNamed() {
        Response r = run(Upgrader.builder().build(), valid("Sec-WebSocket-Protocol: chat"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.header("Sec-WebSocket-Protocol")).isNull();
    }

    @Test
    void selectorIsNotCalledWithoutOffers() {
        List<String> calls = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().subprotocols((head, offered, result) -> {
            calls.add("select");
            return null;
        }).build();
        run(upgrader, valid());
        assertThat(calls).isEmpty();
    }

    @Test
    void selectorChoosingWhatWasNotOfferedIsA500() {
        Upgrader upgrader = Upgrader.builder().subprotocols((head, offered, result) -> "invented").build();
        Response r = run(upgrader, valid("Sec-WebSocket-Protocol: chat"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.result().rejection().getCause()).hasMessageContaining("invented");
        assertThat(r.raw()).doesNotContain("invented");
    }

    @Test
    void subprotocolSelectorMayRequireOne() {
        Upgrader upgrader = Upgrader.builder().subprotocols((head, offered, result) -> {
            if (!offered.contains("v2")) {
                throw new HandshakeRejectedException(400, "subprotocol v2 required");
            }
            return "v2";
        }).build();
        assertThat(run(upgrader, valid("Sec-WebSocket-Protocol: v1")).status()).isEqualTo(400);
        assertThat(run(upgrader, valid("Sec-WebSocket-Protocol: v1, v2")).result().subprotocol()).isEqualTo("v2");
    }

    @Test
    void negotiatorSeesEveryOfferAcrossHeadersInOrderAndItsAnswerIsRendered() {
        List<List<HeaderOption>> seen = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().extension(offers -> {
            seen.add(offers);
            return new Negotiated(new HeaderOption("permessage-deflate", List.of(
                    new HeaderOption.Parameter("server_no_context_takeover", null),
                    new HeaderOption.Parameter("client_max_window_bits", "15"),
                    new HeaderOption.Parameter("x-quoted", "a b"))), FrameHeader.RSV1);
        }).build();
        Response r = run(upgrader, valid("Sec-WebSocket-Extensions: x-foo; a=\"q\\\"d\", permessage-deflate",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).extracting(HeaderOption::toString)
                .containsExactly("x-foo; a=q\"d", "permessage-deflate", "permessage-deflate; client_max_window_bits");
        assertThat(r.header("Sec-WebSocket-Extensions"))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_max_window_bits=15; x-quoted=\"a b\"");
        assertThat(r.result().extensions()).hasSize(1);
        assertThat(r.result().extensions().get(0).rsvBits()).isEqualTo(FrameHeader.RSV1);
    }

    @Test
    void malformedOffersAreDeclinedAndTheNextOfferStillCounts() {
        List<List<HeaderOption>> seen = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().extension(offers -> {
            seen.add(offers);
            return null;
        }).build();
        Response r = run(upgrader, valid("Sec-WebSocket-Extensions: permessage-deflate; x=\"quoted\" junk, "
                + "permessage-deflate; =1, permessage-deflate; client_max_window_bits"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(seen.get(0)).extracting(HeaderOption::toString)
                .containsExactly("permessage-deflate; client_max_window_bits");
        assertThat(r.header("Sec-WebSocket-Extensions")).isNull();
    }

    @Test
    void h18UnknownExtensionIsIgnored() {
        Upgrader upgrader = Upgrader.builder().extension(new Accepting("permessage-deflate", FrameHeader.RSV1)).build();
        Response r = run(upgrader, valid("Sec-WebSocket-Extensions: x-wsconf-unknown; foo=bar"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.header("Sec-WebSocket-Extensions")).isNull();
        assertThat(r.result().extensions()).isEmpty();
    }

    @Test
    void severalNegotiatorsAnswerInOrderAndAClashingRsvIsDeclined() {
        Upgrader upgrader = Upgrader.builder()
                .extension(new Accepting("x-b", FrameHeader.RSV2))
                .extension(new Accepting("x-a", FrameHeader.RSV1))
                .extension(new Accepting("x-c", FrameHeader.RSV1))
                .build();
        Response r = run(upgrader, valid("Sec-WebSocket-Extensions: x-a, x-c; p=1, x-b"));
        assertThat(r.header("Sec-WebSocket-Extensions")).isEqualTo("x-b, x-a");
        assertThat(r.result().extensions()).extracting(e -> e.responseOption().name()).containsExactly("x-b", "x-a");
    }

    @Test
    void negotiatorAcceptingWhatWasNotOfferedIsA500() {
        Upgrader upgrader = Upgrader.builder()
                .extension(offers -> new Negotiated(HeaderOption.of("permessage-deflate"), FrameHeader.RSV1)).build();
        assertThat(run(upgrader, valid("Sec-WebSocket-Extensions: x-other")).status()).isEqualTo(500);
    }

    @Test
    void negotiatorIsNotCalledWithoutOffers() {
        List<String> calls = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().extension(offers -> {
            calls.add("negotiate");
            return null;
        }).build();
        run(upgrader, valid());
        run(upgrader, valid("Sec-WebSocket-Extensions: ", "Sec-WebSocket-Extensions: ;;, \"bad\""));
        assertThat(calls).isEmpty();
    }
}
