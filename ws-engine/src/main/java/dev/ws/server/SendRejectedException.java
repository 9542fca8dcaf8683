package dev.ws.server;

import java.io.IOException;

/**
 * A send was refused: the session is closing or closed, or its outbound queue is above the high
 * watermark under {@link SlowConsumerPolicy#FAIL_SEND}. The message was not queued.
 */
public final class SendRejectedException extends IOException {

    public SendRejectedException(String message) {
        super(message, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // expected under load; the message says everything
    }
}
