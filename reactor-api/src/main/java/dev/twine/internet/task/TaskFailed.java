package dev.twine.internet.task;

/**
 * The task's iterator threw, or a Deferred it yielded failed (Twisted's {@code task.TaskFailed}).
 */
public class TaskFailed extends TaskFinished {
    private static final long serialVersionUID = 1L;

    public TaskFailed() {
        super("the task failed");
    }

    protected TaskFailed(String message) {
        super(message);
    }
}
