package dev.twine.internet.base;

import dev.twine.internet.ILoggingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The reactor's one logger, {@code System.Logger} {@value #NAME}, and the guard every call into user code
 * goes through: Twisted's {@code log.callWithLogger}/{@code log.err()} pair (semantics.md §1.10). A callback that
 * throws is logged with its stack and never unwinds the loop.
 */
final class ReactorLog {
    /** The logger name every reactor error is reported under. */
    static final String NAME = "dev.twine.internet";

    static final Logger LOG = System.getLogger(NAME);

    private ReactorLog() {
    }

    /** Logs an exception thrown by user code, with its stack, at {@link Level#ERROR}. */
    static void error(String what, Throwable t) {
        LOG.log(Level.ERROR, what, t);
    }

    /** Logs an exception thrown by a descriptor's callback, naming the descriptor's log prefix. */
    static void error(String what, ILoggingContext context, Throwable t) {
        LOG.log(Level.ERROR, what + " [" + prefixOf(context) + "]", t);
    }

    /** Logs a warning without a stack. */
    static void warning(String message) {
        LOG.log(Level.WARNING, message);
    }

    /**
     * The descriptor's {@code logPrefix()}, or its class name if that is null or throws: a broken
     * {@code logPrefix} must not hide the error being reported.
     */
    static String prefixOf(ILoggingContext context) {
        if (context == null) {
            return "?";
        }
        try {
            String p = context.logPrefix();
            return p != null ? p : context.getClass().getName();
        } catch (RuntimeException | Error e) {
            return context.getClass().getName();
        }
    }
}
