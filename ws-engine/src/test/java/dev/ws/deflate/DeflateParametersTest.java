package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.http.HeaderOption;
import dev.ws.http.HeaderOption.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 §7.1: every parameter parsed strictly, rendered canonically. */
class DeflateParametersTest {

    /** Builds an option from "name" and "name=value" strings (values already unquoted, as HeaderOption keeps them). */
    static HeaderOption option(String name, String... params) {
        List<Parameter> ps = new ArrayList<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            ps.add(eq < 0 ? new Parameter(p, null) : new Parameter(p.substring(0, eq), p.substring(eq + 1)));
        }
        return new HeaderOption(name, ps);
    }

    static HeaderOption deflate(String... params) {
        return option("permessage-deflate", params);
    }

    @Test
    void parsesAnOfferWithoutParameters() throws Exception {
        assertThat(DeflateParameters.parseOffer(deflate())).isEqualTo(DeflateParameters.DEFAULT);
    }

    @Test
    void parsesEveryParameter() throws Exception {
        DeflateParameters p = DeflateParameters.parseOffer(deflate("server_no_context_takeover",
                "client_no_context_takeover", "server_max_window_bits=10", "client_max_window_bits=9"));
        assertThat(p).isEqualTo(new DeflateParameters(true, true, 10, 9));
        assertThat(p.effectiveServerWindowBits()).isEqualTo(10);
        assertThat(p.effectiveClientWindowBits()).isEqualTo(9);
    }

    @Test
    void acceptsClientMaxWindowBitsWithoutValueInOffersOnly() throws Exception {
        DeflateParameters p = DeflateParameters.parseOffer(deflate("client_max_window_bits"));
        assertThat(p.clientMaxWindowBits()).isEqualTo(DeflateParameters.NO_VALUE);
        assertThat(p.effectiveClientWindowBits()).isEqualTo(15);
        assertThatThrownBy(() -> DeflateParameters.parseResponse(deflate("client_max_window_bits")))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessageContaining("client_max_window_bits without a value in a response");
    }

    @Test
    void namesAreCaseInsensitive() throws Exception {
        assertThat(DeflateParameters.parseOffer(option("PerMessage-Deflate", "Server_No_Context_Takeover")))
                .isEqualTo(new DeflateParameters(true, false, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "9", "10", "11", "12", "13", "14", "15"})
    void acceptsEveryWindowFrom8To15(String bits) throws Exception {
        assertThat(DeflateParameters.parseOffer(deflate("server_max_window_bits=" + bits)).serverMaxWindowBits())
                .isEqualTo(Integer.parseInt(bits));
        assertThat(DeflateParameters.parseResponse(deflate("client_max_window_bits=" + bits)).clientMaxWindowBits())
                .isEqualTo(Integer.parseInt(bits));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "16", "20", "0", "-9", "+9", "09", "010", "1O", " 9", "9 ", "", "0x9", "99999999999"})
    void rejectsWindowBitsOutsideOrMalformed(String bits) {
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate("server_max_window_bits=" + bits)))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessageContaining("server_max_window_bits=" + bits)
                .hasMessageContaining("not a decimal in 8..15");
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate("client_max_window_bits=" + bits)))
                .isInstanceOf(DeflateNegotiationException.class);
    }

    @Test
    void takesQuotedValuesAsTheirContent() throws Exception {
        // RFC 7692 §7.1.2.1 / RFC 6455 §9.1: a quoted-string value, once unquoted, must be a token.
        // HeaderOption hands values over unquoted, so server_max_window_bits="10" arrives as 10.
        assertThat(DeflateParameters.parseOffer(deflate("server_max_window_bits=10")).serverMaxWindowBits()).isEqualTo(10);
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate("server_max_window_bits=\"10\"")))
                .isInstanceOf(DeflateNegotiationException.class);
    }

    @Test
    void rejectsServerMaxWindowBitsWithoutValue() {
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate("server_max_window_bits")))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessageContaining("server_max_window_bits without a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server_no_context_takeover", "client_no_context_takeover"})
    void rejectsAValueOnAFlag(String flag) {
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate(flag + "=true")))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessage(flag + " must not have a value, got \"true\"");
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate(flag + "=")))
                .isInstanceOf(DeflateNegotiationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server_no_context_takeover", "client_no_context_takeover", "server_max_window_bits=9",
        "client_max_window_bits", "client_max_window_bits=10"})
    void rejectsADuplicatedParameter(String param) {
        String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate(param, param)))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessageContaining("duplicate parameter " + name);
    }

    @Test
    void rejectsADuplicateEvenWithADifferentCaseOrValue() {
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate("client_max_window_bits", "CLIENT_MAX_WINDOW_BITS=9")))
                .hasMessageContaining("duplicate parameter");
    }

    @Test
    void rejectsAnUnknownParameter() {
        assertThatThrownBy(() -> DeflateParameters.parseOffer(deflate("x-unknown-param")))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessage("unknown permessage-deflate parameter x-unknown-param");
    }

    @Test
    void rejectsAnotherExtension() {
        assertThatThrownBy(() -> DeflateParameters.parseOffer(option("x-webkit-deflate-frame")))
                .hasMessageContaining("not a permessage-deflate option");
    }

    @Test
    void rendersCanonicalResponses() {
        assertThat(new DeflateParameters(true, true, 9, 10).toString())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                        + "server_max_window_bits=9; client_max_window_bits=10");
        assertThat(DeflateParameters.DEFAULT.toString()).isEqualTo("permessage-deflate");
        assertThat(new DeflateParameters(false, true, 0, DeflateParameters.NO_VALUE).toString())
                .isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits");
    }

    @Test
    void renderingParsesBackToTheSameParameters() throws Exception {
        int[] windows = {0, 8, 12, 15};
        for (boolean s : new boolean[] {false, true}) {
            for (boolean c : new boolean[] {false, true}) {
                for (int sw : windows) {
                    for (int cw : new int[] {0, -1, 8, 15}) {
                        DeflateParameters p = new DeflateParameters(s, c, sw, cw);
                        assertThat(DeflateParameters.parseOffer(p.toOption())).isEqualTo(p);
                        if (cw != DeflateParameters.NO_VALUE) {
                            assertThat(DeflateParameters.parseResponse(p.toOption())).isEqualTo(p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void refusesToBuildOutOfRangeParameters() {
        assertThatThrownBy(() -> new DeflateParameters(false, false, 16, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeflateParameters(false, false, DeflateParameters.NO_VALUE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeflateParameters(false, false, 0, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
