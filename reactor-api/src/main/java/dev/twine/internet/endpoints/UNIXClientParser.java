package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code unix:} client parser (Twisted's {@code _parseClientUNIX}): {@code unix:path=P[:timeout=30]
 * [:lockfile=0]}, or positional {@code unix:P}, giving a {@link UNIXClientEndpoint}. {@code lockfile=1}
 * checks the server's lock file ({@code connectUNIX}'s {@code checkPID}); {@code checkPID=1} is accepted
 * as its other spelling. Found by {@link Endpoints} as a service; stateless.
 */
public final class UNIXClientParser implements IStreamClientEndpointStringParserWithReactor {
    private static final List<String> NAMES = List.of("path", "timeout", "lockfile");

    public UNIXClientParser() {
    }

    @Override
    public String prefix() {
        return "unix";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        Map<String, String> named = new HashMap<>(kwargs);
        String checkPID = named.remove("checkPID");
        if (checkPID != null) {
            if (named.containsKey("lockfile")) {
                throw new IllegalArgumentException("unix client: give 'lockfile' or 'checkPID', not both");
            }
            named.put("lockfile", checkPID);
        }
        Parameters p = Parameters.bind("unix client", NAMES, args, named);
        return new UNIXClientEndpoint(reactor, p.required("path"), p.integer("timeout", 30),
                p.integer("lockfile", 0) != 0);
    }
}
