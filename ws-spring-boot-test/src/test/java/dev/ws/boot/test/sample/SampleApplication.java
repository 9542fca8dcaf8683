package dev.ws.boot.test.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application for the slice tests: two handlers, an interceptor, and a service the slice leaves out. */
@SpringBootApplication
public class SampleApplication {
}
