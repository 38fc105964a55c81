package dev.twine.internet.error;

/** No route to host, {@code ENETUNREACH}/{@code EHOSTUNREACH} (Twisted's {@code NoRouteError}). */
public class NoRouteError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public NoRouteError() {
        super();
    }

    public NoRouteError(String string) {
        super(string);
    }

    public NoRouteError(String osError, String string) {
        super(osError, string);
    }
}
