package dev.twine.internet.error;

/** {@code stop()} on a reactor that is not running (Twisted's {@code ReactorNotRunning}). */
public class ReactorNotRunning extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReactorNotRunning() {
        super();
    }

    public ReactorNotRunning(String message) {
        super(message);
    }
}
