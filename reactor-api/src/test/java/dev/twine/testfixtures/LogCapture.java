package dev.twine.testfixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a {@code System.Logger} logs while a test runs, so the test can assert that an error was
 * logged (Twisted's {@code flushLoggedErrors}) and expected errors do not clutter the build output.
 *
 * <p>The JDK's default {@code System.LoggerFinder} routes a {@code System.Logger} to the
 * {@code java.util.logging} logger of the same name; this attaches a handler to that logger (and so
 * sees its children's records too) and, while open, keeps its records from the console. Use with
 * try-with-resources, or close it after the test.
 *
 * <p>Thread-safe: records may arrive on any thread (the reactor's, or the Cleaner's for unhandled
 * failures), and are read in the order they were published.
 */
public final class LogCapture implements AutoCloseable {
    /** The logger the reactor (package {@code dev.twine.internet} and below) logs on. */
    public static final String REACTOR_LOGGER = "dev.twine.internet";

    /** Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler with it. */
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

    /** Starts capturing the reactor's log, {@value #REACTOR_LOGGER}. */
    public static LogCapture reactor() {
        return new LogCapture(REACTOR_LOGGER);
    }

    /** Starts capturing the named logger (and its children). */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** A copy of every record so far, oldest first. */
    public List<LogRecord> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    /** The records whose message contains {@code text}, oldest first. */
    public List<LogRecord> containing(String text) {
        List<LogRecord> out = new ArrayList<>();
        for (LogRecord r : records()) {
            if (r.getMessage() != null && r.getMessage().contains(text)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The exceptions logged at error level ({@code SEVERE}) so far, oldest first. */
    public List<Throwable> errors() {
        List<Throwable> out = new ArrayList<>();
        for (LogRecord r : records()) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue() && r.getThrown() != null) {
                out.add(r.getThrown());
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
        for (LogRecord r : records()) {
            if (r.getLevel().intValue() >= level.intValue()) {
                out.add(r.getMessage());
            }
        }
        return out;
    }

    /** Detaches the handler and gives the logger back its console. Idempotent. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
