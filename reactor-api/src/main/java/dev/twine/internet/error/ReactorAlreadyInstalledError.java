package dev.twine.internet.error;

/** A process-wide default reactor is already installed (Twisted's {@code ReactorAlreadyInstalledError}). */
public class ReactorAlreadyInstalledError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReactorAlreadyInstalledError() {
        super();
    }

    public ReactorAlreadyInstalledError(String message) {
        super(message);
    }
}
