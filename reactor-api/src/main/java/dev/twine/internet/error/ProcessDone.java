package dev.twine.internet.error;

/**
 * A child process exited with status 0 (Twisted's {@code ProcessDone}, semantics.md §10): the reason
 * {@code processExited} and {@code processEnded} get for a clean end.
 */
public class ProcessDone extends ConnectionDone {
    private static final long serialVersionUID = 1L;

    /** The exit status: 0. */
    public final int status;

    public ProcessDone(int status) {
        super("A process has ended without apparent errors: process finished with exit code " + status + ".");
        this.status = status;
    }
}
