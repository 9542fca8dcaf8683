package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.deflate.PerMessageDeflate;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our client and our server agree on permessage-deflate and exchange compressed messages both ways. */
class ClientDeflateTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void echoesCompressedMessagesWithAndWithoutContextTakeover(boolean takeover) throws Exception {
        AtomicLong serverSaw = new AtomicLong();
        PerMessageDeflate serverConfig = PerMessageDeflate.builder()
                .outboundContextTakeover(takeover).inboundContextTakeover(takeover).build();
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(1)
                .extensions(serverConfig)
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession s, String text) {
                        serverSaw.addAndGet(text.length());
                        s.sendText(text);
                    }

                    @Override
                    public void onBinary(WebSocketSession s, ByteBuffer data) {
                        s.sendBinary(data);
                    }
                }).build().start();
        PerMessageDeflate clientConfig = PerMessageDeflate.builder()
                .outboundContextTakeover(takeover).inboundContextTakeover(takeover).build();
        Dialer dialer = Dialer.builder().extension(ClientExtension.permessageDeflate(clientConfig)).build();
        try (ClientConnection c = dialer.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
            assertThat(c.extensions()).containsExactly("permessage-deflate");
            String json = "{\"user\":\"alice\",\"text\":\"hello\",\"n\":42}".repeat(2000);
            for (int i = 0; i < 5; i++) {
                String msg = json + i;
                c.sendText(msg);
                assertThat(c.receive()).isEqualTo(new Received.Text(msg));
            }
            byte[] bin = new byte[100_000];
            c.sendBinary(bin);
            Received r = c.receive();
            assertThat(r).isInstanceOf(Received.Binary.class);
            assertThat(((Received.Binary) r).data().remaining()).isEqualTo(bin.length);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        assertThat(serverSaw.get()).isGreaterThan(5 * 60_000L);
    }
}
