package dev.ws.deflate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Test support: bytes allocated by the current thread, from
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}, reached reflectively
 * because module {@code dev.ws} does not read {@code java.management}.
 */
final class AllocatedBytes {

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
        for (int i = 0; i < 1000; i++) {
            now(); // link the method handle before anyone measures
        }
    }

    private AllocatedBytes() {
    }

    static long now() {
        try {
            return (long) ALLOCATED.invoke(BEAN);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
