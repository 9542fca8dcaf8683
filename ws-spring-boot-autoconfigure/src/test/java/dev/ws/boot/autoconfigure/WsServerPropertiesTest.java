package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.deflate.PerMessageDeflate;
import dev.ws.server.ServerSettings;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The properties' defaults are the engine's, and the generated metadata documents each of them. */
class WsServerPropertiesTest {

    @Test
    void defaultsEqualTheEngineDefaults() {
        WebSocketServer.Builder builder = WebSocketServer.builder();
        WsServerPropertiesMapper.apply(new WsServerProperties(), builder);
        WebSocketServer server = builder.route("/x", new WebSocketHandler() { }).build();
        assertThat(server.settings()).isEqualTo(ServerSettings.defaults());
    }

    @Test
    void compressionDefaultsEqualTheEngineDefaults() {
        PerMessageDeflate fromProperties = WsCompression.perMessageDeflate(new WsServerProperties().getCompression());
        PerMessageDeflate engine = PerMessageDeflate.withDefaults();
        assertThat(fromProperties.compressionLevel()).isEqualTo(engine.compressionLevel());
        assertThat(fromProperties.outboundContextTakeover()).isEqualTo(engine.outboundContextTakeover());
        assertThat(fromProperties.inboundContextTakeover()).isEqualTo(engine.inboundContextTakeover());
        assertThat(fromProperties.inboundMaxWindowBits()).isEqualTo(engine.inboundMaxWindowBits());
        assertThat(fromProperties.minOutboundWindowBits()).isEqualTo(engine.minOutboundWindowBits());
        assertThat(fromProperties.compressionThreshold()).isEqualTo(engine.compressionThreshold());
        assertThat(fromProperties.poolSize()).isEqualTo(engine.poolSize());
        assertThat(new WsServerProperties().getCompression().isEnabled()).isFalse();
    }

    @Test
    void defaultPortIs8025AndBacklogMatchesTheBuilder() {
        WsServerProperties p = new WsServerProperties();
        assertThat(p.getPort()).isEqualTo(8025);
        assertThat(p.getBacklog()).isEqualTo(1024);
        assertThat(p.isEnabled()).isTrue();
        assertThat(p.getCompression().isEnabled()).isFalse();
        assertThat(p.getSsl().getBundle()).isNull();
        assertThat(p.isLogTraffic()).isFalse();
        assertThat(p.getLogTrafficPayloadLimit()).isEqualTo(org.springframework.util.unit.DataSize.ofBytes(128));
    }

    @Test
    void metadataDescribesEveryPropertyWithItsDefault() throws Exception {
        String json = new ClassPathResource("META-INF/spring-configuration-metadata.json")
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"name\": \"ws.server.limits.max-message-size\"")
                .contains("\"defaultValue\": \"1MB\"")
                .contains("\"name\": \"ws.server.shutdown.grace-period\"")
                .contains("\"defaultValue\": \"5s\"")
                .contains("\"name\": \"ws.server.ssl.bundle\"")
                .contains("\"name\": \"ws.server.log-traffic\"")
                .contains("\"name\": \"ws.server.log-traffic-payload-limit\"")
                .contains("\"defaultValue\": \"128B\"");
        var mapper = tools.jackson.databind.json.JsonMapper.shared();
        var properties = mapper.readTree(json).get("properties");
        for (var property : properties) {
            assertThat(property.get("description")).as(property.get("name").asString()).isNotNull();
        }
        assertThat(properties.size()).isGreaterThanOrEqualTo(33);
    }
}
