package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.Map;

/**
 * The {@code unix:} server parser (Twisted's {@code _parseUNIX}):
 * {@code unix:ADDRESS[:mode=666][:backlog=50][:lockfile=1]}, fields also positional in that order, giving a
 * {@link UNIXServerEndpoint}. {@code mode} is octal; {@code lockfile} is an integer, non-zero taking the lock
 * file (Twisted's string default is {@code lockfile=1}). Found by {@link Endpoints} as a service; stateless.
 */
public final class UNIXServerParser implements IStreamServerEndpointStringParser {
    private static final List<String> NAMES = List.of("address", "mode", "backlog", "lockfile");

    public UNIXServerParser() {
    }

    @Override
    public String prefix() {
        return "unix";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs) {
        Parameters p = Parameters.bind("unix server", NAMES, args, kwargs);
        String modeText = p.string("mode", "666");
        int mode;
        try {
            mode = Integer.parseInt(modeText, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unix server: 'mode' must be octal permission bits, got '" + modeText
                    + "'");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("unix server: 'mode' must be at most 7777 (octal), got " + modeText);
        }
        return new UNIXServerEndpoint(reactor, p.required("address"), p.integer("backlog", 50), mode,
                p.integer("lockfile", 1) != 0);
    }
}
