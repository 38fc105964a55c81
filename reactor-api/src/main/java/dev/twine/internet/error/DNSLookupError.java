package dev.twine.internet.error;

/** A name lookup failed (Twisted's {@code DNSLookupError}; a ConnectError here so one errback catches both). */
public class DNSLookupError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public DNSLookupError() {
        super();
    }

    public DNSLookupError(String string) {
        super(string);
    }

    public DNSLookupError(String osError, String string) {
        super(osError, string);
    }
}
