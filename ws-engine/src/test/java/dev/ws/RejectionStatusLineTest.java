package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The status line a refused handshake puts on the wire: the standard reason phrase of RFC 9110 §15
 * (RFC 6585 for 429 and 431) for every status an interceptor is likely to use, the class name
 * ("Redirection", "Client Error", "Server Error") for any other, never the reason text.
 */
class RejectionStatusLineTest {

    private static String response(int status, String reason) {
        ByteBuffer out = ByteBuffer.allocate(1024);
        new HandshakeRejectedException(status, reason).writeResponse(out, HandshakeHeaders.EMPTY);
        return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "300|Multiple Choices", "301|Moved Permanently", "302|Found", "303|See Other", "307|Temporary Redirect",
            "308|Permanent Redirect", "400|Bad Request", "401|Unauthorized", "403|Forbidden", "404|Not Found",
            "405|Method Not Allowed", "406|Not Acceptable", "408|Request Timeout", "409|Conflict", "410|Gone",
            "413|Content Too Large", "414|URI Too Long", "426|Upgrade Required", "429|Too Many Requests",
            "431|Request Header Fields Too Large", "500|Internal Server Error", "501|Not Implemented",
            "502|Bad Gateway", "503|Service Unavailable", "504|Gateway Timeout", "505|HTTP Version Not Supported",
            "399|Redirection", "451|Client Error", "599|Server Error"})
    void statusLineCarriesTheStandardPhrase(int status, String phrase) {
        assertThat(response(status, "a reason")).startsWith("HTTP/1.1 " + status + " " + phrase + "\r\n")
                .endsWith("\r\n\r\na reason\n");
    }

    @ParameterizedTest
    @CsvSource({"302", "503"})
    void aRejectionWithoutReasonHasAnEmptyBody(int status) {
        assertThat(response(status, null)).contains("Content-Length: 0\r\n").endsWith("\r\n\r\n");
    }
}
