package dev.twine.internet.error;

/** The user stopped the attempt, e.g. {@code stopConnecting()} (Twisted's {@code UserError}). */
public class UserError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public UserError() {
        super();
    }

    public UserError(String string) {
        super(string);
    }

    public UserError(String osError, String string) {
        super(osError, string);
    }
}
