package dev.twine.bench.servers;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM key and certificate chain a benchmark server serves TLS with ({@code --tls-key},
 * {@code --tls-cert}); the side-by-side script makes a throwaway pair with {@code openssl req -x509}.
 * Both stacks get the same files and the JDK's own TLS provider, so they are compared like for like.
 *
 * <p>{@code openssl} asks Netty for its OpenSSL provider (BoringSSL from
 * {@code netty-tcnative-boringssl-static}), a reference point only; Twine always uses the JDK's.
 *
 * @param key     a PKCS#8 PEM private key (what {@code openssl req -newkey} writes)
 * @param chain   the PEM certificate chain, leaf first
 * @param openssl Netty on OpenSSL rather than the JDK provider ({@code --tls-provider openssl})
 */
public record TlsFiles(Path key, Path chain, boolean openssl) {
    public TlsFiles {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
    }

    /** The JDK provider. */
    public TlsFiles(Path key, Path chain) {
        this(key, chain, false);
    }
}
