package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A typical upgrade (no subprotocol, no extension negotiated), a partial head and a fixed rejection
 * allocate nothing once the reused result has grown its arrays: the design claim JMH's
 * {@code UpgradeBenchmark} measures, pinned here by the thread's allocation counter (not by time).
 */
class UpgraderAllocationTest {

    private static final int ROUNDS = 2000;
    private static final String BROWSER_REQUEST = Exchange.valid(
            "Pragma: no-cache", "Cache-Control: no-cache",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Origin: https://server.example.com", "Accept-Encoding: gzip, deflate, br", "Accept-Language: en-US,en;q=0.9",
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");

    @Test
    void typicalUpgradeNeedMoreAndFixedRejectionAllocateNothing() {
        Upgrader upgrader = Upgrader.builder()
                .onHead((head, result) -> {
                    if (!"/chat".contentEquals(head.path())) {
                        throw new AssertionError("route");
                    }
                })
                .build();
        assertThat(allocationsPerCall(upgrader, BROWSER_REQUEST, Upgrader.UPGRADED)).isZero();
        String partial = BROWSER_REQUEST.substring(0, BROWSER_REQUEST.length() - 3);
        assertThat(allocationsPerCall(upgrader, partial, Upgrader.NEED_MORE)).isZero();
        assertThat(allocationsPerCall(upgrader, Exchange.without("Sec-WebSocket-Key"), Upgrader.REJECTED)).isZero();
    }

    private static long allocationsPerCall(Upgrader upgrader, String request, int expected) {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        in.put(Exchange.bytes(request)).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(upgrader.responseBufferSize());
        HandshakeResult result = new HandshakeResult();
        for (int i = 0; i < ROUNDS; i++) {
            run(upgrader, in, out, result, expected);
        }
        long before = allocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            run(upgrader, in, out, result, expected);
        }
        return (allocatedBytes() - before) / ROUNDS;
    }

    private static void run(Upgrader upgrader, ByteBuffer in, ByteBuffer out, HandshakeResult result, int expected) {
        in.position(0);
        out.clear();
        if (upgrader.upgrade(in, out, result) != expected) {
            throw new AssertionError(result.toString());
        }
    }

    // com.sun.management.ThreadMXBean, reached reflectively: the module does not read java.management
    private static final Object BEAN;
    private static final MethodHandle ALLOCATED;

    static {
        try {
            BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = MethodHandles.publicLookup().findVirtual(Class.forName("com.sun.management.ThreadMXBean"),
                    "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invoke(BEAN);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
