package dev.twine.protocols.haproxy;

import dev.twine.internet.IAddress;

/**
 * What a PROXY header said (Twisted's {@code ProxyInfo}): the client and the destination the balancer
 * accepted the connection for, both {@code null} when the header carries none (version 1 {@code UNKNOWN},
 * version 2 {@code LOCAL} or an unspecified family), in which case the connection's own addresses stand.
 *
 * @param header      the header's bytes, a copy
 * @param source      the real client, or {@code null}
 * @param destination the address the client connected to, or {@code null}
 */
public record ProxyInfo(byte[] header, IAddress source, IAddress destination) {
}
