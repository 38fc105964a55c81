package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.PrivateCertificate;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ssl:} server parser (Twisted's {@code _SSLServerParser}, semantics.md §4.9):
 * {@code ssl:PORT[:privateKey=server.pem][:certKey=FILE][:interface=IP][:backlog=50][:extraCertChain=FILE]},
 * fields also positional in Twisted's order (port, privateKey, certKey, sslmethod, interface, backlog,
 * extraCertChain, dhParameters), giving an {@link SSL4ServerEndpoint}. The key is PEM (PKCS#8, PKCS#1 or
 * SEC1), {@code certKey} the certificate chain (default: the key file itself), {@code extraCertChain} more
 * chain certificates. Files are read now, so a bad file fails the parse, naming it. Twisted's
 * {@code sslmethod} and {@code dhParameters} are refused: Twine speaks TLS 1.2 and 1.3 only, whose key
 * exchange needs no DH parameter file. Found by {@link Endpoints} as a service; stateless.
 */
public final class SSLServerParser implements IStreamServerEndpointStringParser {
    private static final List<String> NAMES = List.of("port", "privateKey", "certKey", "sslmethod", "interface",
            "backlog", "extraCertChain", "dhParameters");

    public SSLServerParser() {
    }

    @Override
    public String prefix() {
        return "ssl";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        Parameters p = Parameters.bind("ssl server", NAMES, args, kwargs);
        for (String refused : List.of("sslmethod", "dhParameters")) {
            if (p.has(refused)) {
                throw new IllegalArgumentException("ssl server: '" + refused + "' is not supported:"
                        + " Twine speaks TLS 1.2 and 1.3 only, with (EC)DHE groups built in");
            }
        }
        String key = p.string("privateKey", "server.pem");
        PrivateCertificate identity = PrivateCertificate.loadPEM(Path.of(key), Path.of(p.string("certKey", key)));
        if (p.has("extraCertChain")) {
            List<X509Certificate> chain = new ArrayList<>(identity.chain());
            chain.addAll(PrivateCertificate.loadPEMCertificates(Path.of(p.required("extraCertChain"))));
            identity = new PrivateCertificate(identity.privateKey(), chain);
        }
        return new SSL4ServerEndpoint(reactor, p.requiredPort("port"), CertificateOptions.forServer(identity),
                p.integer("backlog", 50), p.string("interface", ""));
    }
}
