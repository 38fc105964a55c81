package dev.twine.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the reactor logs while a test runs, so a test can assert that an error was logged
 * (Twisted's {@code flushLoggedErrors}) and expected errors do not clutter the build output.
 *
 * <p>The reactor logs on {@code System.Logger} {@value #REACTOR_LOGGER}, which the JDK routes to
 * {@code java.util.logging}; this attaches a handler to that logger and, while open, stops its records
 * from reaching the console. Use with try-with-resources. Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
    /** The reactor's logger name. */
    public static final String REACTOR_LOGGER = "dev.twine.internet";

    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        parentHandlers = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Starts capturing the reactor's log. */
    public static LogCapture reactor() {
        return new LogCapture(REACTOR_LOGGER);
    }

    /** Starts capturing the named logger (and its children). */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The exceptions logged at error level ({@code SEVERE}) so far, oldest first. */
    public List<Throwable> errors() {
        List<Throwable> out = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue() && r.getThrown() != null) {
                    out.add(r.getThrown());
                }
            }
        }
        return out;
    }

    /** The logged error-level exceptions that are instances of {@code type}. */
    public List<Throwable> errors(Class<? extends Throwable> type) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t : errors()) {
            if (type.isInstance(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every message logged so far at {@code level} or above. */
    public List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                if (r.getLevel().intValue() >= level.intValue()) {
                    out.add(r.getMessage());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
