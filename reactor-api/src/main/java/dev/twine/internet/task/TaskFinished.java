package dev.twine.internet.task;

/**
 * The task has already finished: completed, stopped or failed (Twisted's {@code task.TaskFinished}).
 */
public class TaskFinished extends SchedulerError {
    private static final long serialVersionUID = 1L;

    public TaskFinished() {
        super("the task has already finished");
    }

    protected TaskFinished(String message) {
        super(message);
    }
}
