package dev.twine.internet.error;

/** The delayed call has already run (Twisted's {@code AlreadyCalled}). */
public class AlreadyCalled extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public AlreadyCalled() {
        super();
    }

    public AlreadyCalled(String message) {
        super(message);
    }
}
