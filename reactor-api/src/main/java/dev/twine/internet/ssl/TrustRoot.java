package dev.twine.internet.ssl;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a peer's chain must lead to (Twisted's {@code IOpenSSLTrustRoot}): the platform's
 * ({@link #platform()}, Twisted's {@code platformTrust()}), or a given set of authorities
 * ({@link #of}, {@link #loadPEM}).
 *
 * <p>Threading: immutable.
 */
public final class TrustRoot {
    private final List<X509Certificate> authorities;

    private TrustRoot(List<X509Certificate> authorities) {
        this.authorities = authorities;
    }

    /** The JDK's default trust store (its {@code cacerts}, or {@code javax.net.ssl.trustStore}). */
    public static TrustRoot platform() {
        return new TrustRoot(null);
    }

    /** Exactly these authorities, and no others. */
    public static TrustRoot of(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("a trust root needs at least one certificate");
        }
        return new TrustRoot(List.copyOf(authorities));
    }

    /**
     * Every {@code CERTIFICATE} block of a PEM file (Twisted's {@code caCerts} / endpoint {@code caCertsDir}).
     *
     * @throws IllegalArgumentException if the file is unreadable or holds no certificate
     */
    public static TrustRoot loadPEM(Path file) {
        List<X509Certificate> certs = Pem.certificates(PrivateCertificate.read(file), file.toString());
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM CERTIFICATE block");
        }
        return new TrustRoot(certs);
    }

    /**
     * Every certificate in the regular files of {@code dir}, in name order (Twisted's {@code caCertsDir}
     * and {@code trustRoots=} directories); files holding no PEM certificate are skipped.
     *
     * @throws IllegalArgumentException if the directory is unreadable or holds no certificate at all
     */
    public static TrustRoot loadPEMDirectory(Path dir) {
        List<X509Certificate> certs = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                certs.addAll(Pem.certificates(PrivateCertificate.read(f), f.toString()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no PEM CERTIFICATE in any file of the directory");
        }
        return new TrustRoot(certs);
    }

    /** The trust managers for an {@link javax.net.ssl.SSLContext}. */
    TrustManager[] trustManagers() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (authorities == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate c : authorities) {
                    store.setCertificateEntry("ca" + i++, c);
                }
                tmf.init(store);
            }
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build trust managers: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return authorities == null ? "TrustRoot[platform]" : "TrustRoot[" + authorities.size() + " authorities]";
    }
}
