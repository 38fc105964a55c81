package dev.twine.internet.task;

/**
 * The task has already completed: its iterator was exhausted (Twisted's {@code task.TaskDone}).
 */
public class TaskDone extends TaskFinished {
    private static final long serialVersionUID = 1L;

    public TaskDone() {
        super("the task has already completed");
    }

    protected TaskDone(String message) {
        super(message);
    }
}
