package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Test
    void rfc6455ExampleKey() {
        assertThat(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void reusedInstanceMatchesAPlainlyWrittenTwin() throws Exception {
        AcceptKey reused = new AcceptKey();
        byte[] dst = new byte[AcceptKey.ACCEPT_LENGTH];
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            byte[] padded = ("xx" + key + "yy").getBytes(StandardCharsets.US_ASCII);
            reused.compute(padded, 2, AcceptKey.KEY_LENGTH, dst);
            String twin = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + AcceptKey.GUID).getBytes(StandardCharsets.US_ASCII)));
            assertThat(new String(dst, StandardCharsets.US_ASCII)).isEqualTo(twin);
            assertThat(AcceptKey.isValidKey(key)).isTrue();
            assertThat(AcceptKey.isValidKey(padded, 2, 2 + AcceptKey.KEY_LENGTH)).isTrue();
        }
    }

    @Test
    void validKeyIsTheBase64Of16Bytes() {
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAAAA==")).isTrue();
        assertThat(AcceptKey.isValidKey("++++//////++++////+/+A==")).isTrue();
        assertThat(AcceptKey.isValidKey("not-a-valid-key!")).isFalse();
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAAAAA=")).as("17 bytes' worth").isFalse();
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAAAAAA")).as("no padding").isFalse();
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAAA===")).isFalse();
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAA-_==")).as("url alphabet").isFalse();
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAA\u00e9A==")).isFalse();
        assertThat(AcceptKey.isValidKey("AAAAAAAAAAAAAAAAAAAAAA=")).isFalse();
        assertThat(AcceptKey.isValidKey("")).isFalse();
    }
}
