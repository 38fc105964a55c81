package dev.twine.bench.servers;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM key and certificate chain a benchmark server serves TLS with ({@code --tls-key},
 * {@code --tls-cert}); the side-by-side script makes a throwaway pair with {@code openssl req -x509}.
 * Both stacks get the same files and the JDK's own TLS provider, so they are compared like for like.
 *
 * @param key   a PKCS#8 PEM private key (what {@code openssl req -newkey} writes)
 * @param chain the PEM certificate chain, leaf first
 */
public record TlsFiles(Path key, Path chain) {
    public TlsFiles {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
    }
}
