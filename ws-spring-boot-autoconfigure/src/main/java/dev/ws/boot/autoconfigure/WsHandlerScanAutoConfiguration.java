package dev.ws.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Import;

/**
 * Registers the {@link dev.ws.handler.WsHandler} classes of the application's packages as beans,
 * before {@link WsServerAutoConfiguration} looks for them.
 */
@AutoConfiguration(before = WsServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "ws.server.enabled", matchIfMissing = true)
@Import(WsHandlerScanRegistrar.class)
public final class WsHandlerScanAutoConfiguration {
}
