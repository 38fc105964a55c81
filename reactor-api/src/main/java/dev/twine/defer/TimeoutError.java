package dev.twine.defer;

/**
 * A {@link Deferred} timed out (Twisted's {@code defer.TimeoutError}, raised as
 * {@code TimeoutError(timeout, "Deferred")} by {@link Deferred#addTimeout}, semantics.md §1.11).
 *
 * <p>This is the Deferred-level class. It is distinct from {@link dev.twine.internet.error.TimeoutError},
 * which reports an expired {@code connectTCP} timeout, just as Twisted keeps {@code defer.TimeoutError}
 * apart from {@code error.TimeoutError}.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final double timeout;

    /** The Deferred timed out after {@code timeout} seconds; {@code what} names the thing that timed out. */
    public TimeoutError(double timeout, String what) {
        super(what + " timed out after " + timeout + " seconds");
        this.timeout = timeout;
    }

    /** The timeout, in seconds. */
    public double timeout() {
        return timeout;
    }
}
