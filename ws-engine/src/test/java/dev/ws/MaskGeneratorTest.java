package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Pins that {@link MaskGenerator#secure()} yields keys an observer cannot guess (RFC 6455 §10.3):
 * varied across its 4 KiB pool refills, in every byte and bit, and from several threads at once.
 */
class MaskGeneratorTest {

    /** 5000 keys span several refills of the 1024-key pool. */
    private static final int KEYS = 5000;

    @Test
    void secureYieldsVariedKeys() {
        MaskGenerator masks = MaskGenerator.secure();
        Set<Integer> distinct = new HashSet<>();
        int[] bitCounts = new int[32];
        @SuppressWarnings("unchecked")
        Set<Integer>[] byteValues = new Set[] {new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>()};
        for (int i = 0; i < KEYS; i++) {
            int key = masks.nextMask();
            distinct.add(key);
            for (int bit = 0; bit < 32; bit++) {
                bitCounts[bit] += key >>> bit & 1;
            }
            for (int b = 0; b < 4; b++) {
                byteValues[b].add(key >>> 8 * b & 0xFF);
            }
        }
        // 5000 random 32-bit keys collide with probability ~0.3 %
        assertThat(distinct.size()).isGreaterThanOrEqualTo(KEYS - 2);
        for (int bit = 0; bit < 32; bit++) {
            assertThat(bitCounts[bit]).as("bit %d set", bit).isBetween(KEYS * 2 / 5, KEYS * 3 / 5);
        }
        for (Set<Integer> values : byteValues) {
            assertThat(values.size()).isGreaterThan(240);
        }
    }

    @Test
    void secureIsOneSharedThreadSafePool() throws InterruptedException {
        assertThat(MaskGenerator.secure()).isSameAs(MaskGenerator.secure());
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int perThread = 3000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    seen.add(MaskGenerator.secure().nextMask());
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        // a race handing out the same pool slot twice would show as hundreds of duplicates
        assertThat(seen.size()).isGreaterThanOrEqualTo(threads * perThread - 3);
    }
}
