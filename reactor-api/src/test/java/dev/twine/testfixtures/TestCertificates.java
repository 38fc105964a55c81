package dev.twine.testfixtures;

import dev.twine.internet.ssl.PrivateCertificate;
import dev.twine.internet.ssl.TrustRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throwaway TLS identities for tests, made once per JVM in process ({@link TestCertificateIssuer}: JDK
 * keys and signatures, so it works wherever the tests' JVM does, Wine included), with files in a
 * temporary directory that is deleted at exit. No key is ever committed to the repository.
 *
 * <ul>
 *   <li>{@link #authority()}: a test CA; {@link #trustRoot()} trusts only it.</li>
 *   <li>{@link #server()}: {@code CN=localhost}, subjectAltNames {@code DNS:localhost},
 *       {@code IP:127.0.0.1}, {@code IP:::1}, issued by the CA; chain leaf + CA.</li>
 *   <li>{@link #other()}: {@code DNS:other.example}, issued by the CA (the SNI alternative).</li>
 *   <li>{@link #client()}: {@code CN=twine client}, issued by the CA (client-certificate tests).</li>
 *   <li>{@link #stranger()}: self-signed {@code DNS:localhost}, trusted by nobody.</li>
 * </ul>
 * Every identity is EC P-256 (fast to make and to use; RSA 2048 on a JVM without EC) and valid for two days. PEM copies of each
 * (PKCS#8 key, chain) are written too, for the peers in interop tests: {@link #keyPem}, {@link #chainPem}.
 *
 * <p>Threading: the first call makes everything, under a lock; afterwards the values are immutable.
 */
public final class TestCertificates {
    private static final String PASSWORD = "twine-test";
    private static final String CA_NAME = "Twine Test CA";
    private static TestCertificates instance;

    private final Path dir;
    private final X509Certificate authority;
    private final PrivateCertificate server;
    private final PrivateCertificate other;
    private final PrivateCertificate client;
    private final PrivateCertificate stranger;

    private TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        KeyPair caKey = TestCertificateIssuer.newKeyPair();
        this.authority = TestCertificateIssuer.issue(CA_NAME, caKey, CA_NAME, caKey.getPrivate(), true, List.of());
        this.server = issue("localhost", caKey, List.of("localhost", "127.0.0.1", "::1"));
        this.other = issue("other.example", caKey, List.of("other.example"));
        this.client = issue("twine client", caKey, List.of());
        KeyPair strangerKey = TestCertificateIssuer.newKeyPair();
        this.stranger = new PrivateCertificate(strangerKey.getPrivate(), List.of(TestCertificateIssuer.issue(
                "localhost", strangerKey, "localhost", strangerKey.getPrivate(), false, List.of("localhost", "127.0.0.1"))));
        Files.writeString(authorityPem(), pem("CERTIFICATE", encoded(authority)), StandardCharsets.US_ASCII);
        for (String name : List.of("server", "other", "client", "stranger")) {
            writePem(name, identity(name));
            writePkcs12(name, identity(name));
        }
    }

    /** The identities, made on first use. */
    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("twine-tls-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                instance = new TestCertificates(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public X509Certificate authority() {
        return authority;
    }

    /** Trusts the test CA only. */
    public TrustRoot trustRoot() {
        return TrustRoot.of(List.of(authority));
    }

    /**
     * A JDK {@link SSLContext} that trusts the test CA only, for blocking JDK clients
     * ({@code SSLSocket}) in tests whose peer is a Twine server.
     */
    public SSLContext clientContext() {
        return clientContextTrusting(authority);
    }

    /**
     * A JDK {@link SSLContext} that trusts {@code roots} and nothing else, for blocking JDK clients
     * ({@code SSLSocket}) of a Twine server whose certificate was made elsewhere (by {@code openssl}, in
     * the examples' tests).
     */
    public static SSLContext clientContextTrusting(Certificate... roots) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < roots.length; i++) {
                trusted.setCertificateEntry("root" + i, roots[i]);
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a client context trusting " + roots.length + " roots", e);
        }
    }

    public PrivateCertificate server() {
        return server;
    }

    public PrivateCertificate other() {
        return other;
    }

    public PrivateCertificate client() {
        return client;
    }

    public PrivateCertificate stranger() {
        return stranger;
    }

    /** The PKCS#8 PEM key file of {@code name} ("server", "other", "client", "stranger"). */
    public Path keyPem(String name) {
        return dir.resolve(name + "-key.pem");
    }

    /** The PEM chain file (leaf first) of {@code name}. */
    public Path chainPem(String name) {
        return dir.resolve(name + "-chain.pem");
    }

    /** The CA certificate as PEM (for peers' trust stores). */
    public Path authorityPem() {
        return dir.resolve("ca.pem");
    }

    /** The PKCS#12 file (password {@link #password()}) of an identity issued by the CA, or the stranger. */
    public Path pkcs12(String name) {
        return dir.resolve(name + ".p12");
    }

    public static char[] password() {
        return PASSWORD.toCharArray();
    }

    /** The directory holding every file, for tests that write more (deleted at exit). */
    public Path directory() {
        return dir;
    }

    private PrivateCertificate identity(String name) {
        return switch (name) {
            case "server" -> server;
            case "other" -> other;
            case "client" -> client;
            default -> stranger;
        };
    }

    private PrivateCertificate issue(String commonName, KeyPair caKey, List<String> altNames) {
        KeyPair key = TestCertificateIssuer.newKeyPair();
        X509Certificate leaf = TestCertificateIssuer.issue(commonName, key, CA_NAME, caKey.getPrivate(), false, altNames);
        return new PrivateCertificate(key.getPrivate(), List.of(leaf, authority));
    }

    private void writePkcs12(String name, PrivateCertificate identity) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, identity.privateKey(), password(),
                    identity.chain().toArray(new java.security.cert.Certificate[0]));
            try (var out = Files.newOutputStream(pkcs12(name))) {
                store.store(out, password());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + name + ".p12: " + e.getMessage(), e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writePem(String name, PrivateCertificate identity) throws IOException {
        Files.writeString(keyPem(name), pem("PRIVATE KEY", identity.privateKey().getEncoded()), StandardCharsets.US_ASCII);
        StringBuilder chain = new StringBuilder();
        for (X509Certificate c : identity.chain()) {
            try {
                chain.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        Files.writeString(chainPem(name), chain, StandardCharsets.US_ASCII);
    }

    /** PEM text of {@code der} under {@code label}, 64 columns as RFC 7468 §2 asks. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a temporary directory left behind is harmless.
        }
    }
}
