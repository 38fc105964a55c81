package dev.twine.internet.error;

/** {@code run()} on a reactor that was stopped (Twisted's {@code ReactorNotRestartable}). */
public class ReactorNotRestartable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReactorNotRestartable() {
        super();
    }

    public ReactorNotRestartable(String message) {
        super(message);
    }
}
