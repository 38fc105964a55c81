package dev.twine.internet;

/**
 * An endpoint address (Twisted's {@code IAddress}); {@link IPv4Address} or {@link IPv6Address}, or a
 * {@link HostnameAddress} not yet resolved.
 */
public sealed interface IAddress permits IPv4Address, IPv6Address, HostnameAddress, UNIXAddress {
    /** {@code "TCP"} or {@code "UDP"}, or {@code "UNIX"} for a {@link UNIXAddress}. */
    String type();

    /** The host as a literal address (or, for a connector's destination, as given). */
    String host();

    int port();
}
