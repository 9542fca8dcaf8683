package dev.ws.reliability;

import java.lang.management.ManagementFactory;

/** Test support: the bytes the current thread has allocated so far (HotSpot's thread allocation counter). */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
