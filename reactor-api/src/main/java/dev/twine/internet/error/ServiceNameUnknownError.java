package dev.twine.internet.error;

/** An unknown service name was given as a port (Twisted's {@code ServiceNameUnknownError}). */
public class ServiceNameUnknownError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ServiceNameUnknownError() {
        super();
    }

    public ServiceNameUnknownError(String message) {
        super(message);
    }
}
