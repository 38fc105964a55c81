/**
 * TLS for Twine's TCP transport on the JDK's {@link javax.net.ssl.SSLEngine} (Twisted's
 * {@code twisted.internet.ssl}): context factories ({@link dev.twine.internet.ssl.CertificateOptions} for
 * servers and clients that present a certificate, {@link dev.twine.internet.ssl.ClientTLSOptions#optionsForClientTLS}
 * for clients) and key material loaded from PEM and PKCS#12 files
 * ({@link dev.twine.internet.ssl.PrivateCertificate}, {@link dev.twine.internet.ssl.TrustRoot}).
 *
 * <p>The record layer itself lives in the shared transport ({@code dev.twine.internet.tcp}), so every
 * backend has TLS; the behaviour is specified in semantics.md §4.
 */
package dev.twine.internet.ssl;
