package dev.twine.examples;

import dev.twine.internet.HostnameAddress;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import dev.twine.internet.endpoints.TCP4ClientEndpoint;
import java.util.Locale;

/**
 * Where a client connects, as its command line gives it: a {@code PORT}/{@code HOST:PORT} address (see
 * {@link HostPort}), or a client endpoint description such as {@code tcp:host=localhost:port=10000}, as
 * Twisted's {@code clientFromString} takes it. A text is a description when what comes before its first
 * colon is a known client endpoint type ({@link Endpoints#clientPrefixes()}); a host can therefore not be
 * called {@code tcp}. Immutable.
 *
 * @param text        the argument as given
 * @param address     the address, or {@code null} for a description
 * @param description the description, or {@code null} for an address
 */
public record ClientTarget(String text, HostPort address, String description) {

    /** Parses one command-line argument. */
    public static ClientTarget parse(String text) throws UsageException {
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon).toLowerCase(Locale.ROOT);
            for (String known : Endpoints.clientPrefixes()) {
                if (known.toLowerCase(Locale.ROOT).equals(prefix)) {
                    return new ClientTarget(text, null, text);
                }
            }
        }
        return new ClientTarget(text, HostPort.parse(text), null);
    }

    /**
     * The endpoint to connect with: a {@link TCP4ClientEndpoint} for an address, else what the description
     * describes.
     *
     * @throws UsageException for a description the parser refuses
     */
    public IStreamClientEndpoint endpoint(IReactor reactor) throws UsageException {
        if (address != null) {
            return new TCP4ClientEndpoint(reactor, address.host(), address.port());
        }
        try {
            return Endpoints.clientFromString(reactor, description);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The destination as the tutorial's clients print it: {@code IPv4Address(...)}/{@code IPv6Address(...)}
     * for an address or a {@code tcp:} description, else the description as a {@link HostnameAddress}.
     */
    public IAddress destination(IStreamClientEndpoint endpoint) {
        if (address != null) {
            return address.asAddress();
        }
        if (endpoint instanceof TCP4ClientEndpoint tcp) {
            return new HostPort(tcp.host(), tcp.port()).asAddress();
        }
        return new HostnameAddress(description, 0);
    }
}
