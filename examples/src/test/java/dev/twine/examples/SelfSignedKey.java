package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.testfixtures.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A throwaway TLS identity for the example servers' {@code ssl:} descriptions, made with {@code openssl req}
 * as the README tells users to make one: an EC P-256 key and a self-signed certificate for
 * {@code localhost} and 127.0.0.1, valid two days. A machine without {@code openssl} skips the calling
 * test with the reason.
 *
 * @param key  the PEM private key ({@code privateKey=})
 * @param cert the PEM certificate ({@code certKey=}), which clients also trust as their only root
 */
record SelfSignedKey(Path key, Path cert) {

    /** Makes the key and certificate in {@code dir}. */
    static SelfSignedKey makeIn(Path dir) throws Exception {
        SelfSignedKey made = new SelfSignedKey(dir.resolve("key.pem"), dir.resolve("cert.pem"));
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", made.key.toString(), "-out", made.cert.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed (apt-get install openssl): " + e.getMessage());
            return made;
        }
        p.getInputStream().readAllBytes();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return made;
    }

    /** The {@code ssl:} server description on loopback, port 0, with this key. */
    String sslDescription() {
        return "ssl:0:interface=127.0.0.1:privateKey=" + key + ":certKey=" + cert;
    }

    /** A JDK client context that trusts this certificate alone. */
    SSLContext clientContext() throws Exception {
        try (InputStream in = Files.newInputStream(cert)) {
            return TestCertificates.clientContextTrusting(CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }
}
