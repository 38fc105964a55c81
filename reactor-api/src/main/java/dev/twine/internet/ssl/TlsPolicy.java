package dev.twine.internet.ssl;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Which TLS versions and cipher suites a context factory's engines may negotiate (Twisted's
 * {@code raiseMinimumTo}, {@code lowerMaximumSecurityTo} and {@code acceptableCiphers}, semantics.md §4.2).
 * Checked when made, so a contradiction fails when the options are built, not at every handshake.
 *
 * @param minimum the lowest version offered or accepted
 * @param maximum the highest
 * @param ciphers JDK cipher suite names in preference order, each supported here; {@code null} for the
 *                provider's defaults
 */
record TlsPolicy(TLSVersion minimum, TLSVersion maximum, List<String> ciphers) {
    /** TLS 1.2 and 1.3 with the provider's default suites. */
    static final TlsPolicy DEFAULT = new TlsPolicy(TLSVersion.TLSv1_2, TLSVersion.TLSv1_3, null);

    /**
     * The policy, checked.
     *
     * @param ciphers suite names, or {@code null} for the defaults; names this JDK does not support are
     *                dropped, as Twisted's {@code AcceptableCiphers.selectCiphers} keeps only available ones
     * @throws IllegalArgumentException if the minimum is above the maximum, or no given suite is supported,
     *                                  or none can run on any version in the range
     */
    static TlsPolicy of(TLSVersion minimum, TLSVersion maximum, List<String> ciphers) {
        if (minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("raiseMinimumTo(" + minimum + ") is above lowerMaximumSecurityTo("
                    + maximum + ")");
        }
        if (ciphers == null) {
            return new TlsPolicy(minimum, maximum, null);
        }
        Set<String> supported = Set.of(supportedSuites());
        List<String> usable = new ArrayList<>();
        for (String name : ciphers) {
            if (supported.contains(name) && runsOnSomeVersion(name, minimum, maximum) && !usable.contains(name)) {
                usable.add(name);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("none of the acceptable ciphers " + ciphers + " is supported by this"
                    + " JDK's TLS provider for " + minimum + " to " + maximum);
        }
        return new TlsPolicy(minimum, maximum, List.copyOf(usable));
    }

    /** The versions to enable, newest first (the order {@code SSLParameters.setProtocols} takes them in). */
    String[] protocols() {
        List<String> names = new ArrayList<>();
        for (int v = maximum.ordinal(); v >= minimum.ordinal(); v--) {
            names.add(TLSVersion.values()[v].protocolName());
        }
        return names.toArray(new String[0]);
    }

    /**
     * TLS 1.3 suites name only the AEAD and hash ({@code TLS_AES_128_GCM_SHA256}, RFC 8446 §B.4); the suites
     * of 1.2 and earlier also name the key exchange, joined by {@code _WITH_} (RFC 5246 §A.5). A suite runs
     * only on the versions of its kind.
     */
    private static boolean runsOnSomeVersion(String suite, TLSVersion minimum, TLSVersion maximum) {
        return suite.contains("_WITH_") ? minimum == TLSVersion.TLSv1_2 : maximum == TLSVersion.TLSv1_3;
    }

    private static String[] supportedSuites() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS provider: " + e.getMessage(), e);
        }
    }
}
