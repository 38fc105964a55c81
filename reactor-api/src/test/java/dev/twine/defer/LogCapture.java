package dev.twine.defer;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a {@code System.Logger} logs, through the java.util.logging logger of the same name that
 * the JDK's default {@code System.LoggerFinder} uses. Records may arrive on any thread (the Cleaner's).
 */
final class LogCapture implements AutoCloseable {
    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private final Logger logger;
    private final boolean useParentHandlers;
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

    LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        useParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** A copy of the records so far. */
    List<LogRecord> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    /** The records whose message contains {@code text}. */
    List<LogRecord> containing(String text) {
        List<LogRecord> out = new ArrayList<>();
        for (LogRecord r : records()) {
            if (r.getMessage() != null && r.getMessage().contains(text)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(useParentHandlers);
    }
}
