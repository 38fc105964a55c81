package dev.twine.internet.ssl;

/**
 * The TLS versions a context factory may be limited to (Twisted's {@code twisted.internet.ssl.TLSVersion}),
 * for {@link CertificateOptions.Builder#raiseMinimumTo} and {@link CertificateOptions.Builder#lowerMaximumSecurityTo}
 * (semantics.md §4.2).
 *
 * <p>Only the two versions Twine speaks are here: RFC 8996 deprecates TLS 1.0 and 1.1, and the JDK disables
 * them by default, so Twisted's {@code insecurelyLowerMinimumTo} has nothing to lower to.
 */
public enum TLSVersion {
    TLSv1_2("TLSv1.2"),
    TLSv1_3("TLSv1.3");

    private final String protocolName;

    TLSVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    /** The name the JDK's {@code SSLEngine} and {@code ISSLTransport.tlsVersion()} use, e.g. {@code "TLSv1.3"}. */
    public String protocolName() {
        return protocolName;
    }
}
