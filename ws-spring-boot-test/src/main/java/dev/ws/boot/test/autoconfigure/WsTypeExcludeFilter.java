package dev.ws.boot.test.autoconfigure;

import dev.ws.ExtensionNegotiator;
import dev.ws.boot.WsHandlerDecorator;
import dev.ws.boot.autoconfigure.WsServerCustomizer;
import dev.ws.handler.MessageCodec;
import dev.ws.handler.WsHandler;
import dev.ws.server.FrameListener;
import dev.ws.server.HandshakeInterceptor;
import dev.ws.server.ServerListener;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ObjectUtils;

/**
 * What {@link WsTest} scans: {@code @WsHandler} classes (all, or the named ones) and the types
 * that shape the server. Applies to component scanning and to the starter's {@code @WsHandler}
 * scan alike.
 */
final class WsTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<WsTest> {

    private static final Class<?>[] NO_HANDLERS = {};

    private static final Set<Class<?>> KNOWN_INCLUDES = knownIncludes();

    private final Class<?>[] handlers;

    WsTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
        this.handlers = getAnnotation().getValue("handlers", Class[].class).orElse(NO_HANDLERS);
    }

    private static Set<Class<?>> knownIncludes() {
        Set<Class<?>> includes = new LinkedHashSet<>();
        includes.add(HandshakeInterceptor.class);
        includes.add(ServerListener.class);
        includes.add(FrameListener.class);
        includes.add(WsServerCustomizer.class);
        includes.add(WsHandlerDecorator.class);
        includes.add(MessageCodec.class);
        includes.add(ExtensionNegotiator.class);
        ClassLoader loader = WsTypeExcludeFilter.class.getClassLoader();
        for (String optional : new String[] {"org.springframework.boot.jackson.JacksonComponent",
                "tools.jackson.databind.JacksonModule"}) {
            if (ClassUtils.isPresent(optional, loader)) {
                includes.add(ClassUtils.resolveClassName(optional, loader));
            }
        }
        return Set.copyOf(includes);
    }

    @Override
    protected Set<Class<?>> getKnownIncludes() {
        return KNOWN_INCLUDES;
    }

    @Override
    protected Set<Class<?>> getComponentIncludes() {
        return ObjectUtils.isEmpty(handlers) ? Set.of(WsHandler.class) : Set.of(handlers);
    }
}
