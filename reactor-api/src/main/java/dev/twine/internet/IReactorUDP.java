package dev.twine.internet;

/**
 * UDP ports (Twisted's {@code IReactorUDP}, semantics.md §7). Reactor thread only.
 */
public interface IReactorUDP {
    /** Twisted's default {@code maxPacketSize}: longer datagrams are truncated to it. */
    int DEFAULT_MAX_PACKET_SIZE = 8192;

    /**
     * Binds a UDP port and connects {@code protocol} to it: {@code protocol.makeConnection(port)}, so
     * {@link DatagramProtocol#startProtocol()} has run when this returns, and the port is reading.
     * Synchronous, like {@code listenTCP}.
     *
     * @param port          the port number, 0 for any free one
     * @param protocol      the protocol; one instance may serve several ports
     * @param iface         the local address: {@code ""} for every IPv4 interface, or an IPv4 or IPv6
     *                      literal (an IPv6 one gives an IPv6 port)
     * @param maxPacketSize the longest datagram delivered whole; longer ones are truncated to it
     * @throws dev.twine.internet.error.CannotListenError if the socket cannot be opened or bound
     */
    IUDPTransport listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize);

    /** {@code listenUDP(port, protocol, "", 8192)}. */
    default IUDPTransport listenUDP(int port, DatagramProtocol protocol) {
        return listenUDP(port, protocol, "", DEFAULT_MAX_PACKET_SIZE);
    }
}
