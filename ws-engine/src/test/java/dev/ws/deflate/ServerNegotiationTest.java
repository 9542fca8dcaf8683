package dev.ws.deflate;

import static dev.ws.deflate.DeflateParametersTest.deflate;
import static dev.ws.deflate.DeflateParametersTest.option;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.FrameHeader;
import dev.ws.Side;
import dev.ws.http.HeaderOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Server negotiation (RFC 7692 §5, §7.1) against the conformance suite's offers (13.x, H.19, H.20). */
class ServerNegotiationTest {

    private final PerMessageDeflate deflate = PerMessageDeflate.withDefaults();

    /** The suite's DeflateOffer: client_no_context_takeover and client_max_window_bits hints, plus requests. */
    record SuiteOffer(boolean requestNoContextTakeover, int requestMaxWindowBits) {
        HeaderOption option() {
            List<String> ps = new ArrayList<>(List.of("client_no_context_takeover", "client_max_window_bits"));
            if (requestNoContextTakeover) {
                ps.add("server_no_context_takeover");
            }
            if (requestMaxWindowBits != 0) {
                ps.add("server_max_window_bits=" + requestMaxWindowBits);
            }
            return deflate(ps.toArray(String[]::new));
        }
    }

    /** wsconf's check_deflate_response: the response must be acceptable for at least one offer. */
    static List<String> suiteErrors(DeflateParameters r, List<SuiteOffer> offers) {
        List<String> why = new ArrayList<>();
        for (SuiteOffer o : offers) {
            List<String> e = new ArrayList<>();
            if (o.requestNoContextTakeover && !r.serverNoContextTakeover()) {
                e.add("requested server_no_context_takeover but response lacks it");
            }
            if (o.requestMaxWindowBits != 0) {
                if (r.serverMaxWindowBits() == 0) {
                    e.add("requested server_max_window_bits but response lacks it");
                } else if (r.serverMaxWindowBits() > o.requestMaxWindowBits) {
                    e.add("server_max_window_bits larger than requested");
                }
            }
            if (e.isEmpty()) {
                return List.of();
            }
            why.addAll(e);
        }
        return why;
    }

    static Stream<Arguments> suiteOfferSets() {
        return Stream.of(
                Arguments.of("13.1 default", List.of(new SuiteOffer(false, 0)), 15),
                Arguments.of("13.2 server_no_context_takeover", List.of(new SuiteOffer(true, 0)), 15),
                Arguments.of("13.3 server_max_window_bits=9", List.of(new SuiteOffer(false, 9)), 9),
                Arguments.of("13.4 server_max_window_bits=15", List.of(new SuiteOffer(false, 15)), 15),
                Arguments.of("13.5 both, 9", List.of(new SuiteOffer(true, 9)), 9),
                Arguments.of("13.6 both, 15", List.of(new SuiteOffer(true, 15)), 15),
                Arguments.of("13.7 three offers", List.of(new SuiteOffer(true, 9), new SuiteOffer(true, 0),
                        new SuiteOffer(false, 0)), 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteOfferSets")
    void acceptsEverySuiteOfferSetWithAWellFormedAnswer(String label, List<SuiteOffer> offers, int window) throws Exception {
        NegotiatedDeflate n = deflate.negotiate(offers.stream().map(SuiteOffer::option).toList());
        assertThat(n).as(label).isNotNull();
        assertThat(n.side()).isEqualTo(Side.SERVER);
        assertThat(n.rsvBits()).isEqualTo(FrameHeader.RSV1);
        DeflateParameters answer = DeflateParameters.parseResponse(n.responseOption());
        assertThat(answer).isEqualTo(n.parameters());
        assertThat(suiteErrors(answer, offers)).as(label + ": " + answer).isEmpty();
        assertThat(n.outboundWindowBits()).isEqualTo(window);
        // Our default policy: no context kept in either direction, so nothing native per idle connection.
        assertThat(answer.serverNoContextTakeover()).isTrue();
        assertThat(answer.clientNoContextTakeover()).isTrue();
        assertThat(answer.clientMaxWindowBits()).isEqualTo(DeflateParameters.ABSENT);
        assertThat(n.outboundResetsContext()).isTrue();
        assertThat(n.inboundResetsContext()).isTrue();
    }

    @Test
    void declinesEachInvalidOfferOfH19WithoutFailing() {
        List<HeaderOption> h19 = List.of(deflate("server_max_window_bits=20"), deflate("x-unknown-param"),
                deflate("client_no_context_takeover", "client_no_context_takeover"));
        assertThat(deflate.negotiate(h19)).isNull();
    }

    @Test
    void takesTheFirstAcceptableOfferAfterInvalidOnes() {
        List<HeaderOption> offers = List.of(deflate("server_max_window_bits=20"), deflate("x-unknown-param"),
                deflate("server_max_window_bits=12"), deflate());
        NegotiatedDeflate n = deflate.negotiate(offers);
        assertThat(n).isNotNull();
        assertThat(n.parameters().serverMaxWindowBits()).isEqualTo(12);
    }

    @Test
    void skipsOtherExtensions() {
        NegotiatedDeflate n = deflate.negotiate(List.of(option("x-webkit-deflate-frame"),
                option("permessage-foo", "a=b"), deflate("client_max_window_bits")));
        assertThat(n).isNotNull();
        assertThat(n.responseOption().toString())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(deflate.negotiate(List.of(option("x-webkit-deflate-frame")))).isNull();
        assertThat(deflate.negotiate(List.of())).isNull();
    }

    @Test
    void answersClientMaxWindowBitsOnlyWhenOfferedAndSmaller() {
        PerMessageDeflate small = PerMessageDeflate.builder().inboundMaxWindowBits(10).build();
        assertThat(small.negotiate(List.of(deflate())).parameters().clientMaxWindowBits()).isZero();
        assertThat(small.negotiate(List.of(deflate("client_max_window_bits"))).parameters().clientMaxWindowBits())
                .isEqualTo(10);
        assertThat(small.negotiate(List.of(deflate("client_max_window_bits=12"))).parameters().clientMaxWindowBits())
                .isEqualTo(10);
        assertThat(small.negotiate(List.of(deflate("client_max_window_bits=9"))).parameters().clientMaxWindowBits())
                .as("the client already stays within 9 bits").isZero();
    }

    @Test
    void declinesWindowsBelowTheConfiguredMinimum() {
        PerMessageDeflate min12 = PerMessageDeflate.builder().minOutboundWindowBits(12).build();
        assertThat(min12.negotiate(List.of(deflate("server_max_window_bits=9")))).isNull();
        assertThat(min12.negotiate(List.of(deflate("server_max_window_bits=9"), deflate("server_max_window_bits=12")))
                .parameters().serverMaxWindowBits()).isEqualTo(12);
        assertThat(min12.negotiate(List.of(deflate())).outboundWindowBits()).isEqualTo(15);
    }

    @Test
    void keepsContextWhenConfiguredAndNotAskedOtherwise() {
        PerMessageDeflate keep = PerMessageDeflate.builder().outboundContextTakeover(true)
                .inboundContextTakeover(true).build();
        NegotiatedDeflate n = keep.negotiate(List.of(deflate()));
        assertThat(n.parameters()).isEqualTo(DeflateParameters.DEFAULT);
        assertThat(n.outboundResetsContext()).isFalse();
        assertThat(n.inboundResetsContext()).isFalse();
        NegotiatedDeflate asked = keep.negotiate(List.of(deflate("server_no_context_takeover", "client_no_context_takeover")));
        assertThat(asked.parameters()).isEqualTo(new DeflateParameters(true, true, 0, 0));
        assertThat(asked.outboundResetsContext()).isTrue();
        assertThat(asked.inboundResetsContext()).isTrue();
    }

    @Test
    void declinesEverythingWhenDisabled() {
        PerMessageDeflate off = PerMessageDeflate.builder().enabled(false).build();
        assertThat(off.negotiate(List.of(deflate()))).isNull();
        assertThat(off.offers()).isEmpty();
    }
}
