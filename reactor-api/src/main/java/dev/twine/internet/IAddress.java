package dev.twine.internet;

/**
 * An endpoint address (Twisted's {@code IAddress}); {@link IPv4Address} or {@link IPv6Address}, or a
 * {@link HostnameAddress} not yet resolved.
 */
public sealed interface IAddress permits IPv4Address, IPv6Address, HostnameAddress {
    /** {@code "TCP"} or {@code "UDP"}. */
    String type();

    /** The host as a literal address (or, for a connector's destination, as given). */
    String host();

    int port();
}
