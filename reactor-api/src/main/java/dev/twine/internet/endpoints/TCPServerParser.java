package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.Map;

/**
 * The {@code tcp:} server parser: {@code tcp:PORT[:interface=IP][:backlog=N]}, fields also positional in
 * that order, giving a {@link TCP4ServerEndpoint} (Twisted's {@code _parseTCP}; defaults: all IPv4
 * interfaces, backlog 50). Found by {@link Endpoints} as a service; stateless.
 */
public final class TCPServerParser implements IStreamServerEndpointStringParser {
    private static final List<String> NAMES = List.of("port", "interface", "backlog");

    public TCPServerParser() {
    }

    @Override
    public String prefix() {
        return "tcp";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        Parameters p = Parameters.bind("tcp server", NAMES, args, kwargs);
        return new TCP4ServerEndpoint(reactor, p.requiredPort("port"), p.integer("backlog", 50),
                p.string("interface", ""));
    }
}
