package dev.ws;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Test support: the bytes the current thread has allocated so far, from
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}.
 *
 * <p>Reached reflectively because tests compile inside module {@code dev.ws}, which does not (and
 * should not) read {@code java.management}; at run time tests are on the class path.
 */
final class AllocationCounter {

    private static final Object BEAN;
    private static final MethodHandle ALLOCATED;

    static {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            BEAN = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
            ALLOCATED = MethodHandles.publicLookup()
                    .findVirtual(sunBean, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AllocationCounter() {
    }

    /** Bytes allocated by the current thread since it started. */
    static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invoke(BEAN);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
