package dev.ws.boot.test.sample;

import org.springframework.stereotype.Service;

/** An ordinary service: @WsTest leaves it out, @SpringBootTest creates it. */
@Service
public class BillingService {
}
