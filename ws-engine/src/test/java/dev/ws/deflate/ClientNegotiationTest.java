package dev.ws.deflate;

import static dev.ws.deflate.DeflateParametersTest.deflate;
import static dev.ws.deflate.DeflateParametersTest.option;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client side: the offer we make and how strictly the server's answer is checked (RFC 7692 §5, §7.1). */
class ClientNegotiationTest {

    private final PerMessageDeflate deflate = PerMessageDeflate.withDefaults();

    @Test
    void offersNoContextTakeoverBothWaysAndAnyClientWindow() {
        assertThat(deflate.offers()).hasSize(1);
        assertThat(deflate.offers().get(0).toString()).isEqualTo(
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits");
    }

    @Test
    void offersAServerWindowWhenConfiguredAndNoClientWindowAboveTheMinimum() {
        PerMessageDeflate p = PerMessageDeflate.builder().inboundMaxWindowBits(10).minOutboundWindowBits(9)
                .inboundContextTakeover(true).outboundContextTakeover(true).build();
        assertThat(p.offers().get(0).toString()).isEqualTo("permessage-deflate; server_max_window_bits=10");
    }

    @Test
    void acceptsAnAnswerThatHonoursTheOffer() throws Exception {
        NegotiatedDeflate n = deflate.acceptResponse(List.of(
                deflate("server_no_context_takeover", "client_max_window_bits=9")));
        assertThat(n.side()).isEqualTo(Side.CLIENT);
        assertThat(n.outboundWindowBits()).isEqualTo(9);
        assertThat(n.outboundResetsContext()).isTrue();
        assertThat(n.inboundResetsContext()).isTrue();
    }

    @Test
    void acceptsUnaskedClientNoContextTakeoverAndUnaskedServerWindow() throws Exception {
        PerMessageDeflate keep = PerMessageDeflate.builder().inboundContextTakeover(true).outboundContextTakeover(true)
                .build();
        // RFC 7692 §7.1.1.2 and §7.1.2.1: a server may add these though the offer did not ask.
        NegotiatedDeflate n = keep.acceptResponse(List.of(deflate("client_no_context_takeover",
                "server_no_context_takeover", "server_max_window_bits=11")));
        assertThat(n.outboundResetsContext()).isTrue();
        assertThat(n.inboundResetsContext()).isTrue();
        assertThat(n.outboundWindowBits()).isEqualTo(15);
    }

    @Test
    void returnsNullWhenTheServerDeclined() throws Exception {
        assertThat(deflate.acceptResponse(List.of())).isNull();
        assertThat(deflate.acceptResponse(List.of(option("x-other")))).isNull();
    }

    @Test
    void failsOnAnUnofferedParameter() {
        PerMessageDeflate noWindow = PerMessageDeflate.builder().minOutboundWindowBits(10).build();
        assertThatThrownBy(() -> noWindow.acceptResponse(List.of(deflate("server_no_context_takeover",
                "client_max_window_bits=12"))))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessage("client_max_window_bits=12 in the response, but the offer did not include it (RFC 7692 §7.1.2.2)");
    }

    @Test
    void failsOnMalformedAnswers() {
        assertThatThrownBy(() -> deflate.acceptResponse(List.of(deflate("server_no_context_takeover", "x-foo"))))
                .hasMessage("unknown permessage-deflate parameter x-foo");
        assertThatThrownBy(() -> deflate.acceptResponse(List.of(deflate("server_no_context_takeover",
                "server_max_window_bits=16")))).hasMessageContaining("server_max_window_bits=16");
        assertThatThrownBy(() -> deflate.acceptResponse(List.of(deflate("server_no_context_takeover",
                "client_max_window_bits")))).hasMessageContaining("without a value in a response");
        assertThatThrownBy(() -> deflate.acceptResponse(List.of(deflate("server_no_context_takeover",
                "server_no_context_takeover")))).hasMessageContaining("duplicate parameter");
        assertThatThrownBy(() -> deflate.acceptResponse(List.of(deflate("server_no_context_takeover"),
                deflate("server_no_context_takeover")))).hasMessage("permessage-deflate appears twice in the response");
    }

    @Test
    void failsWhenARequestedNoContextTakeoverIsMissing() {
        assertThatThrownBy(() -> deflate.acceptResponse(List.of(deflate())))
                .hasMessage("the offer asked for server_no_context_takeover, the response lacks it (RFC 7692 §7.1.1.1)");
    }

    @Test
    void failsWhenTheServerWindowIsMissingOrLargerThanOffered() {
        PerMessageDeflate p = PerMessageDeflate.builder().inboundMaxWindowBits(10).build();
        assertThatThrownBy(() -> p.acceptResponse(List.of(deflate("server_no_context_takeover"))))
                .hasMessage("the offer asked for server_max_window_bits=10, the response lacks it (RFC 7692 §7.1.2.1)");
        assertThatThrownBy(() -> p.acceptResponse(List.of(deflate("server_no_context_takeover",
                "server_max_window_bits=11"))))
                .hasMessage("server_max_window_bits=11 in the response exceeds the offered 10 (RFC 7692 §7.1.2.1)");
    }

    @Test
    void failsWhenNothingWasOffered() {
        PerMessageDeflate off = PerMessageDeflate.builder().enabled(false).build();
        assertThatThrownBy(() -> off.acceptResponse(List.of(deflate())))
                .hasMessage("permessage-deflate in the response but not offered");
    }

    @Test
    void acceptsTheAnswersOfTheSuitesServerRolePolicies() throws Exception {
        // wsconf client_suite.policy(1..7) (Autobahn's 13.x accept policies) answering our default offer
        // "server_no_context_takeover; client_no_context_takeover; client_max_window_bits".
        String[][] answers = {
            {"server_no_context_takeover"},
            {"server_no_context_takeover", "client_no_context_takeover"},
            {"server_no_context_takeover", "client_max_window_bits=9"},
            {"server_no_context_takeover", "client_max_window_bits=15"},
            {"server_no_context_takeover", "client_no_context_takeover", "client_max_window_bits=9"},
            {"server_no_context_takeover", "client_no_context_takeover", "client_max_window_bits=15"},
        };
        int[] windows = {15, 15, 9, 15, 9, 15};
        for (int i = 0; i < answers.length; i++) {
            NegotiatedDeflate n = deflate.acceptResponse(List.of(deflate(answers[i])));
            assertThat(n.outboundWindowBits()).as("policy %d", i + 1).isEqualTo(windows[i]);
            assertThat(n.outboundResetsContext()).isTrue();
            assertThat(n.inboundResetsContext()).isTrue();
        }
    }

    @Test
    void agreesWithItselfAsServer() throws Exception {
        // Our client's offer, answered by our server, is accepted by our client.
        for (PerMessageDeflate p : List.of(deflate, PerMessageDeflate.builder().inboundMaxWindowBits(9).build(),
                PerMessageDeflate.builder().inboundContextTakeover(true).outboundContextTakeover(true).build())) {
            NegotiatedDeflate server = PerMessageDeflate.withDefaults().negotiate(p.offers());
            NegotiatedDeflate client = p.acceptResponse(List.of(server.responseOption()));
            assertThat(client.parameters()).isEqualTo(server.parameters());
            assertThat(client.outboundWindowBits()).isEqualTo(server.parameters().effectiveClientWindowBits());
        }
    }
}
