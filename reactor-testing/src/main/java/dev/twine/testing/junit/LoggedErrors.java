package dev.twine.testing.junit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the errors logged under {@value #ROOT} while one test runs: the reactor's logger
 * ({@code dev.twine.internet}: a callback that threw, a failed accept) and Deferred's
 * ({@code dev.twine.defer.Deferred}: an unhandled failure reported at stop or at garbage collection). The
 * JDK routes {@code System.Logger} to {@code java.util.logging} unless another logging backend is
 * installed, so a handler on that logger sees them all.
 *
 * <p>While attached, records under {@value #ROOT} do not reach the console: the ones that matter fail the
 * test with their stack traces instead. Thread-safe (the reactor may log from its thread pool).
 */
final class LoggedErrors implements AutoCloseable {
    /** The logger every Twine component logs under. */
    static final String ROOT = "dev.twine";

    private final Logger logger = Logger.getLogger(ROOT);
    private final boolean parentHandlers;
    private final Level level;
    private final List<LogRecord> errors = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (errors) {
                    errors.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LoggedErrors() {
        parentHandlers = logger.getUseParentHandlers();
        level = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /**
     * Removes and returns the logged exceptions of the given types (all logged errors when none are
     * given), oldest first; a record without an exception is matched only when no type is given.
     */
    @SafeVarargs
    final List<Throwable> flush(Class<? extends Throwable>... types) {
        List<Throwable> out = new ArrayList<>();
        synchronized (errors) {
            for (Iterator<LogRecord> it = errors.iterator(); it.hasNext(); ) {
                LogRecord r = it.next();
                Throwable t = r.getThrown();
                boolean wanted = types.length == 0;
                for (Class<? extends Throwable> type : types) {
                    wanted |= type.isInstance(t);
                }
                if (wanted) {
                    it.remove();
                    out.add(t != null ? t : new AssertionError(r.getMessage()));
                }
            }
        }
        return out;
    }

    /** The records not flushed, oldest first. */
    List<LogRecord> remaining() {
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
        logger.setLevel(level);
    }
}
