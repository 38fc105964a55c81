package dev.twine.internet.task;

/**
 * A {@link Cooperator} or one of its tasks was in the wrong state for the operation (Twisted's
 * {@code task.SchedulerError}, semantics.md §3.14); the superclass of the other scheduler errors.
 */
public class SchedulerError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    protected SchedulerError(String message) {
        super(message);
    }
}
