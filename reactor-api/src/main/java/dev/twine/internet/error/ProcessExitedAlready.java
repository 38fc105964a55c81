package dev.twine.internet.error;

/** A signal was sent to a child process that has already exited (Twisted's {@code ProcessExitedAlready}). */
public class ProcessExitedAlready extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessExitedAlready(String message) {
        super(message);
    }
}
