package dev.twine.internet.task;

/**
 * The {@link Cooperator} was stopped while the task ran, or before it was added (Twisted's {@code task.SchedulerStopped}).
 */
public class SchedulerStopped extends SchedulerError {
    private static final long serialVersionUID = 1L;

    public SchedulerStopped() {
        super("the cooperator was stopped");
    }

    protected SchedulerStopped(String message) {
        super(message);
    }
}
