package dev.twine.internet.error;

/**
 * A child process exited with a status other than 0 (Twisted's {@code ProcessTerminated}, semantics.md §10).
 *
 * <p>Twisted tells an exit code from a killing signal through {@code waitpid}'s status; Java reports only an
 * exit value, which on POSIX is 128 plus the signal's number for a process a signal killed. So
 * {@link #exitCode} is always that value and {@link #signal} is never set, where Twisted would give a
 * signal number and no exit code.
 */
public class ProcessTerminated extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    /** The exit value Java reported. */
    public final Integer exitCode;
    /** Twisted's killing signal; always {@code null} here (see the class comment). */
    public final Integer signal;
    /** The raw status; the exit value here. */
    public final Integer status;

    public ProcessTerminated(int exitCode) {
        super("A process has ended with a probable error condition: process ended with exit code " + exitCode + ".");
        this.exitCode = exitCode;
        this.signal = null;
        this.status = exitCode;
    }
}
