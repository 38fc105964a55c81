package dev.twine.internet.task;

/**
 * The task was stopped with {@link CooperativeTask#stop()} (Twisted's {@code task.TaskStopped}).
 */
public class TaskStopped extends TaskFinished {
    private static final long serialVersionUID = 1L;

    public TaskStopped() {
        super("the task was stopped");
    }

    protected TaskStopped(String message) {
        super(message);
    }
}
