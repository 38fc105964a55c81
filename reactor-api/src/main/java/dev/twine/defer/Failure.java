package dev.twine.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * An exception travelling down a {@link Deferred}'s errback chain or handed to {@code connectionLost}
 * (Twisted's {@code twisted.python.failure.Failure}, semantics.md §1.12). Immutable; safe to share between threads.
 */
public final class Failure {
    private final Throwable value;

    /** Wraps {@code value}, which must not be null. A {@code Failure} is never wrapped twice. */
    public Failure(Throwable value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The exception. */
    public Throwable value() {
        return value;
    }

    /** The exception's class. */
    public Class<? extends Throwable> type() {
        return value.getClass();
    }

    /**
     * Returns the first of {@code types} that the exception is an instance of, or {@code null}.
     */
    @SafeVarargs
    public final Class<? extends Throwable> check(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> t : types) {
            if (t.isInstance(value)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Like {@link #check} but re-throws the original exception when none matches, so an errback handles
     * only the errors it names and passes the rest on down the chain.
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) throws Exception {
        Class<? extends Throwable> match = check(types);
        if (match == null) {
            raiseException();
        }
        return match;
    }

    /** Throws the exception, unchanged (an {@link Error} or checked exception alike). */
    public void raiseException() throws Exception {
        Failure.<RuntimeException>sneakyThrow(value);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    /** The exception's message, or its class name if it has none. */
    public String getErrorMessage() {
        String m = value.getMessage();
        return m != null ? m : value.getClass().getName();
    }

    /** The full stack trace, causes included, as text. */
    public String getTraceback() {
        StringWriter sw = new StringWriter();
        value.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** One line: the exception class and message. */
    public String getBriefTraceback() {
        return value.getClass().getName() + ": " + getErrorMessage();
    }

    @Override
    public String toString() {
        return "[Failure instance: " + getBriefTraceback() + "]";
    }
}
