package dev.ws.bench.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot entry point; prints {@code READY spring-tomcat PORT} once Tomcat accepts connections. */
@SpringBootApplication
public class PeerSpringTomcatApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=PORT}
     */
    public static void main(String[] args) {
        var context = SpringApplication.run(PeerSpringTomcatApplication.class, args);
        System.out.println("READY spring-tomcat " + context.getEnvironment().getProperty("local.server.port"));
    }
}
