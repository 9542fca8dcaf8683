package dev.ws.message;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Test support: the bytes the current thread has allocated so far
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}), reached reflectively
 * because tests compile inside module {@code dev.ws}, which does not read {@code java.management}.
 */
final class ThreadAllocation {

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

    private ThreadAllocation() {
    }

    static long bytes() {
        try {
            return (long) ALLOCATED.invoke(BEAN);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
