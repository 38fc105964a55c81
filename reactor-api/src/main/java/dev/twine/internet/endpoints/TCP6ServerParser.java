package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.Map;

/**
 * The {@code tcp6:} server parser: {@code tcp6:PORT[:backlog=N][:interface=IP6]}, fields also positional in
 * that order, giving a {@link TCP6ServerEndpoint} (Twisted's {@code _TCP6ServerParser}; defaults: backlog
 * 50, interface {@code ::}). An IPv6 interface's colons must be escaped: {@code interface=\:\:1}. Found by
 * {@link Endpoints} as a service; stateless.
 */
public final class TCP6ServerParser implements IStreamServerEndpointStringParser {
    private static final List<String> NAMES = List.of("port", "backlog", "interface");

    public TCP6ServerParser() {
    }

    @Override
    public String prefix() {
        return "tcp6";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        Parameters p = Parameters.bind("tcp6 server", NAMES, args, kwargs);
        return new TCP6ServerEndpoint(reactor, p.requiredPort("port"), p.integer("backlog", 50),
                p.string("interface", "::"));
    }
}
