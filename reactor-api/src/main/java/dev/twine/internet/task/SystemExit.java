package dev.twine.internet.task;

/**
 * Ends a {@link Task#react} program with a chosen exit status (Python's {@code SystemExit}, which
 * Twisted's {@code react} honours): a {@code main} whose Deferred fails with it exits with
 * {@link #code()} and nothing is logged (semantics.md §3.15).
 */
public class SystemExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public SystemExit(int code) {
        super("exit status " + code, null, false, false);
        this.code = code;
    }

    /** The exit status. */
    public int code() {
        return code;
    }
}
