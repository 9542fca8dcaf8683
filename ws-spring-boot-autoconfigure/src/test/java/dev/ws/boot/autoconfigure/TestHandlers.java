package dev.ws.boot.autoconfigure;

import dev.ws.handler.OnMessage;
import dev.ws.handler.PathParam;
import dev.ws.handler.WsHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Handler beans for the context runner tests. */
final class TestHandlers {

    private TestHandlers() {
    }

    @WsHandler("/echo")
    static class Echo {
        @OnMessage
        String echo(String text) {
            return text;
        }
    }

    record Greeting(String name, int times) {
    }

    @WsHandler("/greet/{lang}")
    static class Greeter {
        @OnMessage
        Greeting greet(Greeting in, @PathParam("lang") String lang) {
            return new Greeting(lang + ":" + in.name(), in.times() + 1);
        }
    }

    @WsHandler("/broken")
    static class Broken {
        @OnMessage
        void a(String s, String t) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoConfig {
        @Bean
        Echo echoHandler() {
            return new Echo();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class GreeterConfig {
        @Bean
        Greeter greeter() {
            return new Greeter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenConfig {
        @Bean
        Broken broken() {
            return new Broken();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondEchoConfig {
        @Bean
        Echo otherEcho() {
            return new Echo();
        }
    }
}
