package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.Map;

/**
 * The {@code tcp:} client parser, giving a {@link TCP4ClientEndpoint} (Twisted's {@code _parseClientTCP}):
 * {@code tcp:host=H:port=P[:timeout=30][:bindAddress=IP]}, or positional {@code tcp:H:P}, or mixed
 * {@code tcp:H:port=P} and {@code tcp:host=H:P} (one positional field is the host unless {@code host=} is
 * given, then it is the port). {@code timeout} is whole seconds; {@code bindAddress} binds that IP with
 * port 0 before connecting. An IPv6 host's colons must be escaped. Found by {@link Endpoints} as a
 * service; stateless.
 */
public final class TCPClientParser implements IStreamClientEndpointStringParserWithReactor {
    private static final List<String> HOST_PORT = List.of("host", "port", "timeout", "bindAddress");
    private static final List<String> PORT_FIRST = List.of("port", "host", "timeout", "bindAddress");

    public TCPClientParser() {
    }

    @Override
    public String prefix() {
        return "tcp";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        if (args.size() > 2) {
            throw new IllegalArgumentException("tcp client takes at most 2 positional fields (host, port), got "
                    + args.size() + " " + args);
        }
        // Twisted's _parseClientTCP: a single positional field is the port when host= is given by name.
        List<String> names = args.size() == 1 && kwargs.containsKey("host") ? PORT_FIRST : HOST_PORT;
        Parameters p = Parameters.bind("tcp client", names, args, kwargs);
        return new TCP4ClientEndpoint(reactor, p.required("host"), p.requiredPort("port"), p.integer("timeout", 30),
                p.bindAddress("bindAddress"));
    }
}
