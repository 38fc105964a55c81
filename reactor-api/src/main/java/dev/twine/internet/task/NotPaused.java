package dev.twine.internet.task;

/**
 * {@link CooperativeTask#resume()} was called on a task that is not paused (Twisted's {@code task.NotPaused}).
 */
public class NotPaused extends SchedulerError {
    private static final long serialVersionUID = 1L;

    public NotPaused() {
        super("the task is not paused");
    }

    protected NotPaused(String message) {
        super(message);
    }
}
