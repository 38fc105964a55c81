package dev.twine.internet.error;

/** {@code run()} on a reactor that is running (Twisted's {@code ReactorAlreadyRunning}). */
public class ReactorAlreadyRunning extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReactorAlreadyRunning() {
        super();
    }

    public ReactorAlreadyRunning(String message) {
        super(message);
    }
}
