/**
 * The shared UDP port (Twisted's {@code twisted.internet.udp}, semantics.md §7): one implementation of
 * {@link dev.twine.internet.IUDPTransport} over the SPI's {@link dev.twine.spi.DatagramSocketHandle}, which
 * every backend with datagram sockets reuses, and with {@code AF_UNIX} names the UNIX datagram ports of
 * {@code listenUNIXDatagram}/{@code connectUNIXDatagram} (semantics.md §8.9).
 */
package dev.twine.internet.udp;
