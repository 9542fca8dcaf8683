package dev.ws.deflate.internal;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded stack of idle objects that own native memory (zlib state). {@link #acquire} never
 * blocks: it pops an idle object or creates one. {@link #release} keeps the object when fewer than
 * {@code capacity} are idle and ends it otherwise, so idle native memory is bounded by the
 * capacity. Thread-safe; allocates nothing per acquire/release once warm.
 */
public final class BoundedPool<T> {

    private final Object[] idle;
    private int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Supplier<T> factory;
    private final Consumer<T> destroyer;
    private final LongAdder created = new LongAdder();
    private final LongAdder ended = new LongAdder();

    /**
     * @param capacity  the most idle objects kept (0 = none: every release ends the object)
     * @param factory   creates an object in its initial state
     * @param destroyer frees an object's native memory
     */
    public BoundedPool(int capacity, Supplier<T> factory, Consumer<T> destroyer) {
        if (capacity < 0) {
            throw new IllegalArgumentException("pool capacity " + capacity + " < 0");
        }
        this.idle = new Object[capacity];
        this.factory = factory;
        this.destroyer = destroyer;
    }

    /** An idle object, or a new one when none is idle. */
    @SuppressWarnings("unchecked")
    public T acquire() {
        lock.lock();
        try {
            if (size > 0) {
                T t = (T) idle[--size];
                idle[size] = null;
                return t;
            }
        } finally {
            lock.unlock();
        }
        created.increment();
        return factory.get();
    }

    /** Gives back an object that is ready for reuse (already reset); ends it when the pool is full. */
    public void release(T t) {
        lock.lock();
        try {
            if (size < idle.length) {
                idle[size++] = t;
                return;
            }
        } finally {
            lock.unlock();
        }
        discard(t);
    }

    /** Ends an object that must not be reused (broken, or its owner is closing). */
    public void discard(T t) {
        ended.increment();
        destroyer.accept(t);
    }

    /** Ends every idle object (shrinks the pool to nothing); objects in use are unaffected. */
    @SuppressWarnings("unchecked")
    public void clear() {
        Object[] drained;
        int n;
        lock.lock();
        try {
            n = size;
            drained = new Object[n];
            System.arraycopy(idle, 0, drained, 0, n);
            java.util.Arrays.fill(idle, 0, n, null);
            size = 0;
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < n; i++) {
            discard((T) drained[i]);
        }
    }

    public int capacity() {
        return idle.length;
    }

    /** Objects idle in the pool now. */
    public int idle() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Objects created since the pool was made. */
    public long created() {
        return created.sum();
    }

    /** Objects ended since the pool was made. */
    public long ended() {
        return ended.sum();
    }

    @Override
    public String toString() {
        return "BoundedPool[idle=" + idle() + "/" + idle.length + ", created=" + created() + ", ended=" + ended() + "]";
    }
}
