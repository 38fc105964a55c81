package dev.twine.internet;

/**
 * A host name and port that have not been resolved, Twisted's {@code HostnameAddress(hostname, port)}: what
 * a {@code HostnameEndpoint} connects to, as named in its {@code ConnectingCancelledError}.
 *
 * @param hostname the name as given to the endpoint
 * @param port     the port
 */
public record HostnameAddress(String hostname, int port) implements IAddress {
    /** {@code "TCP"}: only stream endpoints have names to resolve. */
    @Override
    public String type() {
        return "TCP";
    }

    /** The {@link #hostname()}, unresolved. */
    @Override
    public String host() {
        return hostname;
    }

    @Override
    public String toString() {
        return "HostnameAddress(hostname='" + hostname + "', port=" + port + ")";
    }
}
