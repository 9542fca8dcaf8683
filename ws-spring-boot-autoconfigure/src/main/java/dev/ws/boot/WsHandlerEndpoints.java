package dev.ws.boot;

import dev.ws.handler.AnnotatedEndpoint;
import dev.ws.handler.HandlerDefinitionException;
import dev.ws.handler.MessageCodec;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The endpoints of the application: every bean annotated {@link WsHandler}, read once at startup.
 * A bean that implements {@link WebSocketHandler} is routed as it is; any other becomes an
 * {@link AnnotatedEndpoint}. A bad handler fails here, naming the bean and the method.
 */
public final class WsHandlerEndpoints {

    /** One endpoint: where it is served, by what, and which bean it came from. */
    public record Endpoint(String path, List<String> subprotocols, WebSocketHandler handler, String beanName) {
    }

    private final List<Endpoint> endpoints;

    public WsHandlerEndpoints(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * Finds the {@link WsHandler} beans of a bean factory (instantiating them).
     *
     * @param codec    for message objects; null when none is available
     * @param registry where the annotated endpoints register their sessions
     * @throws HandlerDefinitionException for an invalid handler or two handlers on one path
     */
    public static WsHandlerEndpoints discover(ListableBeanFactory beans, MessageCodec codec, WsSessionRegistry registry) {
        Map<String, Endpoint> byPath = new LinkedHashMap<>();
        for (String name : beans.getBeanNamesForAnnotation(WsHandler.class)) {
            Object bean = beans.getBean(name);
            Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
            Endpoint e;
            try {
                if (bean instanceof WebSocketHandler raw) {
                    WsHandler ws = beans.findAnnotationOnBean(name, WsHandler.class);
                    e = new Endpoint(ws.value(), List.of(ws.subprotocols()), raw, name);
                } else {
                    AnnotatedEndpoint a = AnnotatedEndpoint.create(bean, type, codec, registry);
                    e = new Endpoint(a.path(), a.subprotocols(), a, name);
                }
            } catch (HandlerDefinitionException ex) {
                throw new HandlerDefinitionException("invalid @WsHandler bean '" + name + "': " + ex.getMessage(), ex);
            }
            Endpoint clash = byPath.putIfAbsent(e.path(), e);
            if (clash != null) {
                throw new HandlerDefinitionException("@WsHandler beans '" + clash.beanName() + "' and '" + name
                        + "' both serve " + e.path());
            }
        }
        return new WsHandlerEndpoints(new ArrayList<>(byPath.values()));
    }

    /** The endpoints, in bean definition order. */
    public List<Endpoint> getEndpoints() {
        return endpoints;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /** Adds every endpoint as a route of a server being built. */
    public void addTo(WebSocketServer.Builder builder) {
        addTo(builder, List.of());
    }

    /** Adds every endpoint as a route, its handler wrapped by the decorators in order (first innermost). */
    public void addTo(WebSocketServer.Builder builder, List<WsHandlerDecorator> decorators) {
        for (Endpoint e : endpoints) {
            WebSocketHandler handler = e.handler();
            for (WsHandlerDecorator d : decorators) {
                handler = d.decorate(e.path(), handler);
            }
            builder.route(e.path(), handler, e.subprotocols());
        }
    }

    /** The endpoint served at a path template, or null. */
    public Endpoint find(String pathTemplate) {
        for (Endpoint e : endpoints) {
            if (e.path().equals(pathTemplate)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "WsHandlerEndpoints" + endpoints.stream().map(e -> e.path() + "=" + e.beanName()).toList();
    }
}
