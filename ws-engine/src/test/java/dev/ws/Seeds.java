package dev.ws;

/**
 * Test support for seeded randomness: a test draws a fresh seed each build unless
 * {@code -Dws.test.seed=N} fixes it, and any failure names the seed so the run can be repeated.
 */
final class Seeds {

    /** A test body that receives its seed. */
    @FunctionalInterface
    interface SeededBody {
        void run(long seed) throws Exception;
    }

    private Seeds() {
    }

    /** Runs {@code body} with the seed; wraps any failure in an {@link AssertionError} naming it. */
    static void run(String what, SeededBody body) {
        long seed = Long.getLong("ws.test.seed", System.nanoTime());
        try {
            body.run(seed);
        } catch (Throwable t) {
            AssertionError e = new AssertionError(what + " failed with seed " + seed
                    + " (repeat with -Dws.test.seed=" + seed + "): " + t, t);
            System.err.println(e.getMessage());
            throw e;
        }
    }

    /** Iterations for a randomized test: {@code -Dws.test.iterations=N} raises them for long runs. */
    static int iterations(int byDefault) {
        return Integer.getInteger("ws.test.iterations", byDefault);
    }
}
