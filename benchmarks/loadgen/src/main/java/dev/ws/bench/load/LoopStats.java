package dev.ws.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Counters and a latency histogram owned by one event loop: only that loop's thread changes or reads them, so the hot
 * path needs no atomics. A scenario resets them and takes {@link #snapshot()}s by running tasks on the loop.
 */
final class LoopStats {

    /** Highest latency recorded: one minute, in nanoseconds; 3 significant digits. */
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

    long messages;
    long bytes;
    long errors;
    long inFlight;
    String firstError;
    final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);

    void record(long nanos) {
        latency.recordValue(Math.min(Math.max(nanos, 0), MAX_LATENCY_NANOS));
    }

    void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    /**
     * Zeroes the counters and the histogram at the start of a measurement; errors and {@link #inFlight} carry on, so
     * that an error during warm-up still fails the scenario.
     */
    void reset() {
        messages = 0;
        bytes = 0;
        latency.reset();
    }

    /** Zeroes everything, errors included, at the start of a scenario. */
    void resetAll() {
        reset();
        errors = 0;
        firstError = null;
        inFlight = 0;
    }

    Snapshot snapshot() {
        return new Snapshot(messages, bytes, errors, inFlight, firstError, latency.copy());
    }

    /** A copy of one or more loops' counters, taken on the loops and summed by {@link #plus}. */
    record Snapshot(long messages, long bytes, long errors, long inFlight, String firstError, Histogram latency) {

        static Snapshot empty() {
            return new Snapshot(0, 0, 0, 0, null, new Histogram(MAX_LATENCY_NANOS, 3));
        }

        Snapshot plus(Snapshot other) {
            Histogram sum = latency.copy();
            sum.add(other.latency);
            return new Snapshot(messages + other.messages, bytes + other.bytes, errors + other.errors,
                    inFlight + other.inFlight, firstError != null ? firstError : other.firstError, sum);
        }

        /** {@return the latency at a percentile, in microseconds} */
        double micros(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
