package dev.twine.internet.base;

import dev.twine.internet.IReadDescriptor;

/**
 * A reader whose socket reports errors through its next read rather than by ending: a datagram socket, whose
 * ICMP errors (a "port unreachable" for an earlier datagram) are queued on the socket, raise error readiness
 * without read readiness ({@code EPOLLERR} alone on Linux), and are returned by the next {@code recvfrom}
 * (udp(7), "Error handling"). The reactor calls {@link #doRead()} for such an event instead of
 * disconnecting the reader, so the port can call {@code connectionRefused} and keep working (semantics.md
 * §7.4; Twisted's poll-like reactors disconnect the port instead, twisted/twisted#5377).
 */
public interface ReadsSocketErrors extends IReadDescriptor {
}
