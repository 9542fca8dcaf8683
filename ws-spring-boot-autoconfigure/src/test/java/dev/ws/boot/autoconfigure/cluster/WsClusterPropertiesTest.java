package dev.ws.boot.autoconfigure.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.cluster.RedisBroadcastBus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The properties' defaults are the bus builder's, and the generated metadata describes each one. */
class WsClusterPropertiesTest {

    @Test
    void defaultsEqualTheBusBuilderDefaults() {
        RedisBroadcastBus.Builder fromProperties = WsClusterAutoConfiguration.builder(new WsClusterProperties(), () -> null);
        RedisBroadcastBus.Builder builder = RedisBroadcastBus.builder(() -> null);
        assertThat(fromProperties).usingRecursiveComparison().ignoringFields("client").isEqualTo(builder);
        assertThat(new WsClusterProperties().isEnabled()).isFalse();
    }

    @Test
    void metadataDescribesEveryClusterPropertyWithItsDefault() throws Exception {
        String json = new ClassPathResource("META-INF/spring-configuration-metadata.json")
                .getContentAsString(StandardCharsets.UTF_8);
        var properties = tools.jackson.databind.json.JsonMapper.shared().readTree(json).get("properties");
        int cluster = 0;
        for (var property : properties) {
            String name = property.get("name").asString();
            if (name.startsWith("ws.cluster.")) {
                cluster++;
                assertThat(property.get("description")).as(name).isNotNull();
                assertThat(property.get("defaultValue")).as(name).isNotNull();
            }
        }
        assertThat(cluster).isEqualTo(13);
    }
}
