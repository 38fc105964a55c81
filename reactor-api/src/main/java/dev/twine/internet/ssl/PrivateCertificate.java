package dev.twine.internet.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first (Twisted's {@code PrivateCertificate}): what a
 * server presents, or a client that authenticates with a certificate.
 *
 * <p>Loads what Twisted's endpoints take: PEM files ({@code privateKey=} and {@code certKey=}: the key as
 * PKCS#8, PKCS#1 or SEC1, the chain as one or more {@code CERTIFICATE} blocks; key and chain may share one
 * file), and PKCS#12 files. Every failure is an {@link IllegalArgumentException} naming the file and what
 * is wrong; nothing is half-loaded.
 *
 * <p>Threading: immutable.
 */
public final class PrivateCertificate {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    /**
     * @param chain the leaf first, then the intermediates; at least one certificate
     * @throws IllegalArgumentException if the chain is empty
     */
    public PrivateCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
        this.chain = List.copyOf(chain);
    }

    /**
     * Loads a key and chain from PEM files; {@code certificateFile} may equal {@code keyFile}.
     *
     * @throws IllegalArgumentException if a file is unreadable, holds no (or an encrypted) key, or no
     *                                  certificate
     */
    public static PrivateCertificate loadPEM(Path keyFile, Path certificateFile) {
        String keyText = read(keyFile);
        PrivateKey key = null;
        for (Pem.Block b : Pem.blocks(keyText, keyFile.toString())) {
            if (b.label().endsWith("PRIVATE KEY")) {
                try {
                    key = PrivateKeys.fromPem(b.label(), b.der());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(keyFile + ": " + e.getMessage(), e);
                }
                break;
            }
        }
        if (key == null) {
            throw new IllegalArgumentException(keyFile + ": no PEM private key block");
        }
        List<X509Certificate> chain = Pem.certificates(read(certificateFile), certificateFile.toString());
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificateFile + ": no PEM CERTIFICATE block");
        }
        return new PrivateCertificate(key, chain);
    }

    /** {@link #loadPEM(Path, Path)} from one file holding both the key and the chain. */
    public static PrivateCertificate loadPEM(Path keyAndCertificateFile) {
        return loadPEM(keyAndCertificateFile, keyAndCertificateFile);
    }

    /**
     * Loads the first key entry of a PKCS#12 file.
     *
     * @throws IllegalArgumentException if the file is unreadable, the password wrong, or there is no key
     */
    public static PrivateCertificate loadPKCS12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    Certificate[] certs = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey pk && certs != null) {
                        List<X509Certificate> chain = new ArrayList<>();
                        for (Certificate c : certs) {
                            chain.add((X509Certificate) c);
                        }
                        return new PrivateCertificate(pk, chain);
                    }
                }
            }
            throw new IllegalArgumentException(file + ": no private key entry in the PKCS#12 file");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot read PKCS#12: " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code CERTIFICATE} block of a PEM file, in file order (Twisted's {@code extraCertChain=}).
     *
     * @throws IllegalArgumentException if the file is unreadable or holds no certificate
     */
    public static List<X509Certificate> loadPEMCertificates(Path file) {
        List<X509Certificate> certs = Pem.certificates(read(file), file.toString());
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM CERTIFICATE block");
        }
        return certs;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public String toString() {
        return "PrivateCertificate[" + chain.get(0).getSubjectX500Principal() + "]";
    }

    /**
     * The file as text, one char per byte: PEM is ASCII, and a binary file (a DER or PKCS#12 file in a
     * trust directory) or a comment in another encoding must read as text without PEM blocks, not fail.
     */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), new UncheckedIOException(e));
        }
    }
}
