package dev.twine.protocols.haproxy;

import dev.twine.internet.IReactor;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import dev.twine.internet.endpoints.IStreamServerEndpointStringParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code haproxy:} prefix of server descriptions (Twisted's {@code HAProxyServerParser}, semantics.md
 * §3.18): {@code haproxy:tcp:8080} is the endpoint {@code tcp:8080} describes, wrapped by
 * {@link HAProxyWrappingFactory#proxyEndpoint}. The fields after the prefix are written back into a
 * description (Twisted's {@code unparseEndpoint}: positional fields in order, then {@code key=value} fields
 * sorted) and parsed again. Stateless; found by {@link java.util.ServiceLoader}.
 */
public final class HAProxyServerParser implements IStreamServerEndpointStringParser {

    @Override
    public String prefix() {
        return "haproxy";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("haproxy: needs the description of the endpoint to wrap, "
                    + "e.g. haproxy:tcp:8080");
        }
        List<String> fields = new ArrayList<>();
        for (String arg : args) {
            fields.add(Endpoints.quoteStringArgument(arg));
        }
        kwargs.entrySet().stream()
                .map(e -> Endpoints.quoteStringArgument(e.getKey()) + "=" + Endpoints.quoteStringArgument(e.getValue()))
                .sorted()
                .forEach(fields::add);
        return HAProxyWrappingFactory.proxyEndpoint(Endpoints.serverFromString(reactor, String.join(":", fields)));
    }
}
