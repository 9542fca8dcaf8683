package dev.ws.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test support: records what the engine logs. The engine logs through {@link System.Logger}, which
 * the JDK backs with {@code java.util.logging} when no other backend is installed; this handler sits
 * on the {@code dev.ws} logger at {@code ALL} (so debug lines are seen too, with their level), keeps
 * the lines off the console while it is open, and puts the logger back as it was on close.
 */
final class LogCapture extends Handler implements AutoCloseable {

    /** Held strongly: JUL keeps loggers only weakly, and a collected logger forgets its handler. */
    private final Logger logger = Logger.getLogger("dev.ws");
    private final Level previousLevel = logger.getLevel();
    private final boolean previousUseParent = logger.getUseParentHandlers();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false); // keep the build output readable: the test looks at the lines
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Every record so far, in order. */
    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Records whose formatted message matches. */
    List<LogRecord> matching(Predicate<String> message) {
        return records.stream().filter(r -> message.test(text(r))).toList();
    }

    /** Records at {@code level} or above. */
    List<LogRecord> atOrAbove(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** Waits until a record matches, and returns it (the loop may log after the peer saw the answer). */
    LogRecord await(Predicate<String> message, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (LogRecord r : records) {
                if (message.test(text(r))) {
                    return r;
                }
            }
            Thread.sleep(10);
        } while (System.nanoTime() - deadline < 0);
        throw new AssertionError("no log line matched within " + timeout + "; got " + lines());
    }

    /** The record's message with its parameters filled in. */
    static String text(LogRecord r) {
        String m = r.getMessage();
        Object[] params = r.getParameters();
        return params == null || params.length == 0 ? m : java.text.MessageFormat.format(m, params);
    }

    /** "LEVEL message" lines, for failure messages. */
    List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + text(r)).toList();
    }

    void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParent);
    }
}
