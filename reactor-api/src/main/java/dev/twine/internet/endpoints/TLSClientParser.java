package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.internet.ssl.PrivateCertificate;
import dev.twine.internet.ssl.TrustRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code tls:} client parser (Twisted's {@code _TLSClientEndpointParser}, semantics.md §4.9):
 * {@code tls:HOST:PORT[:timeout=30][:bindAddress=IP][:certificate=FILE][:privateKey=FILE][:trustRoots=DIR]},
 * host and port also by name. It gives {@code wrapClientTLS(optionsForClientTLS(HOST, ...), TCP endpoint)}:
 * the server's certificate must match HOST and lead to the certificates in {@code trustRoots} (default: the
 * platform's trust store); {@code certificate} (with {@code privateKey}, default the same file) is the
 * client certificate. The name is resolved off the loop and every address is tried, staggered, by
 * {@link HostnameEndpoint}. Found by {@link Endpoints} as a service; stateless.
 */
public final class TLSClientParser implements IStreamClientEndpointStringParserWithReactor {
    private static final List<String> NAMES = List.of("host", "port", "timeout", "bindAddress", "certificate",
            "privateKey", "trustRoots");

    public TLSClientParser() {
    }

    @Override
    public String prefix() {
        return "tls";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        Parameters p = Parameters.bind("tls client", NAMES, args, kwargs);
        String host = p.required("host");
        TrustRoot trust = p.has("trustRoots") ? TrustRoot.loadPEMDirectory(Path.of(p.required("trustRoots")))
                : TrustRoot.platform();
        PrivateCertificate clientCertificate = null;
        if (p.has("certificate")) {
            String cert = p.required("certificate");
            clientCertificate = PrivateCertificate.loadPEM(Path.of(p.string("privateKey", cert)), Path.of(cert));
        } else if (p.has("privateKey")) {
            throw new IllegalArgumentException("tls client: 'privateKey' needs 'certificate', the client certificate");
        }
        ClientTLSOptions options = ClientTLSOptions.optionsForClientTLS(host, trust, clientCertificate, List.of());
        return TLSWrapClientEndpoint.wrapClientTLS(options, new HostnameEndpoint(reactor, HostResolver.inThreadPool(reactor),
                host, p.requiredPort("port"), p.integer("timeout", 30), p.bindAddress("bindAddress"),
                HostnameEndpoint.DEFAULT_ATTEMPT_DELAY));
    }
}
