package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.PrivateCertificate;
import dev.twine.internet.ssl.TrustRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code ssl:} client parser (Twisted's {@code _parseClientSSL}, semantics.md §4.9):
 * {@code ssl:host=H:port=P[:timeout=30][:bindAddress=IP][:certKey=FILE][:privateKey=FILE][:caCertsDir=DIR]},
 * or positional {@code ssl:H:P}, giving an {@link SSL4ClientEndpoint}. {@code certKey} and
 * {@code privateKey} give a client certificate (the key defaults to the certKey file). The server's chain
 * is checked against the certificates in {@code caCertsDir}, or the platform's trust store; its host
 * name is <em>not</em> checked, as in Twisted: use {@code tls:} for that. (Twine's decision: Twisted's
 * {@code ssl:} without {@code caCertsDir} checks nothing at all; Twine always checks the chain.) Found by
 * {@link Endpoints} as a service; stateless.
 */
public final class SSLClientParser implements IStreamClientEndpointStringParserWithReactor {
    private static final List<String> NAMES = List.of("host", "port", "timeout", "bindAddress", "certKey",
            "privateKey", "caCertsDir");
    private static final List<String> PORT_FIRST = List.of("port", "host", "timeout", "bindAddress", "certKey",
            "privateKey", "caCertsDir");

    public SSLClientParser() {
    }

    @Override
    public String prefix() {
        return "ssl";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        List<String> names = args.size() == 1 && kwargs.containsKey("host") ? PORT_FIRST : NAMES;
        Parameters p = Parameters.bind("ssl client", names, args, kwargs);
        CertificateOptions.Builder options = CertificateOptions.builder();
        if (p.has("caCertsDir")) {
            options.trustRoot(TrustRoot.loadPEMDirectory(Path.of(p.required("caCertsDir"))));
        }
        if (p.has("certKey")) {
            String cert = p.required("certKey");
            options.certificate(PrivateCertificate.loadPEM(Path.of(p.string("privateKey", cert)), Path.of(cert)));
        } else if (p.has("privateKey")) {
            throw new IllegalArgumentException("ssl client: 'privateKey' needs 'certKey', the client certificate");
        }
        return new SSL4ClientEndpoint(reactor, p.required("host"), p.requiredPort("port"), options.build(),
                p.integer("timeout", 30), p.bindAddress("bindAddress"));
    }
}
