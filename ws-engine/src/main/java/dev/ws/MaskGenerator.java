package dev.ws;

import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Supplies mask keys for client frames. RFC 6455 §10.3 asks for keys an attacker cannot predict,
 * so the default draws them from {@link SecureRandom}, a 4 KiB block at a time to amortise its cost.
 */
@FunctionalInterface
public interface MaskGenerator {

    /** The next mask key, big-endian. */
    int nextMask();

    /** A thread-safe generator backed by a shared {@link SecureRandom} pool. */
    static MaskGenerator secure() {
        return SecurePool.INSTANCE;
    }

    /** Draws keys from a pool of {@link SecureRandom} bytes refilled 4 KiB at a time. */
    final class SecurePool implements MaskGenerator {

        private static final SecurePool INSTANCE = new SecurePool();
        private static final int POOL_BYTES = 4096;

        private final SecureRandom random = new SecureRandom();
        private final byte[] pool = new byte[POOL_BYTES];
        private final ReentrantLock lock = new ReentrantLock();
        private int next = POOL_BYTES;

        private SecurePool() {
        }

        @Override
        public int nextMask() {
            lock.lock();
            try {
                if (next == POOL_BYTES) {
                    random.nextBytes(pool);
                    next = 0;
                }
                int key = (pool[next] & 0xFF) << 24 | (pool[next + 1] & 0xFF) << 16
                        | (pool[next + 2] & 0xFF) << 8 | (pool[next + 3] & 0xFF);
                next += 4;
                return key;
            } finally {
                lock.unlock();
            }
        }
    }
}
