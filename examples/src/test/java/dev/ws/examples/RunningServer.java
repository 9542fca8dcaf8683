package dev.ws.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/** An example's accept loop running on a loopback port chosen by the system, stopped by closing the listener. */
final class RunningServer implements AutoCloseable {

    /** An example's {@code serve(ServerSocket)}. */
    @FunctionalInterface
    interface Serve {
        void serve(ServerSocket listener) throws IOException;
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private RunningServer(Serve serve) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("accept-" + listener.getLocalPort()).start(() -> {
            try {
                serve.serve(listener);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
    }

    static RunningServer start(Serve serve) throws IOException {
        return new RunningServer(serve);
    }

    int port() {
        return listener.getLocalPort();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** Closes the listener; the accept loop must then return normally. */
    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join(5000);
        if (acceptor.isAlive()) {
            throw new AssertionError("the accept loop did not return after its listener was closed");
        }
        if (failure.get() != null) {
            throw new AssertionError("the accept loop failed", failure.get());
        }
    }
}
