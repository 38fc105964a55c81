package dev.twine.internet.error;

/** The delayed call was already cancelled (Twisted's {@code AlreadyCancelled}). */
public class AlreadyCancelled extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public AlreadyCancelled() {
        super();
    }

    public AlreadyCancelled(String message) {
        super(message);
    }
}
