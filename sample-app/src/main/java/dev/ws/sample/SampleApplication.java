package dev.ws.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sample application: chat rooms ({@code /chat/{room}}), an echo endpoint ({@code /echo})
 * and a stats stream ({@code /stats}) on the ws engine's port, and a page with a live panel of
 * the actuator's {@code ws.*} metrics on the web server's port. Configured in {@code application.yml}.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
