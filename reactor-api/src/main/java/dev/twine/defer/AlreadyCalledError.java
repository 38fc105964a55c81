package dev.twine.defer;

/**
 * {@link Deferred#callback} or {@link Deferred#errback} was called on a Deferred that has already fired
 * (Twisted's {@code defer.AlreadyCalledError}, semantics.md §1.11).
 *
 * <p>With {@link Deferred#setDebugging(boolean) debugging} on, the message carries the stack that created
 * the Deferred (lines starting {@code " C:"}) and the stack that fired it first ({@code " I:"}); without
 * debugging the message is empty, as in Twisted.
 */
public class AlreadyCalledError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** No debugging information. */
    public AlreadyCalledError() {
        super();
    }

    /** With the creator and first-invoker stacks as text. */
    public AlreadyCalledError(String debugInfo) {
        super(debugInfo);
    }
}
