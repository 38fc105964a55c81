package dev.twine.internet;

/** UDP ports that take part in IPv4 multicast (Twisted's {@code IReactorMulticast}, semantics.md §7.7). */
public interface IReactorMulticast {
    /**
     * {@link IReactorUDP#listenUDP} for a port that can join multicast groups.
     *
     * @param listenMultiple set {@code SO_REUSEADDR} (and {@code SO_REUSEPORT}) before binding, so several
     *                       sockets, in this process or others, can bind the same port and all receive a
     *                       group's datagrams
     * @throws dev.twine.internet.error.CannotListenError if the socket cannot be opened or bound
     */
    IMulticastTransport listenMulticast(int port, DatagramProtocol protocol, String iface, int maxPacketSize,
            boolean listenMultiple);

    /** {@code listenMulticast(port, protocol, "", 8192, false)}. */
    default IMulticastTransport listenMulticast(int port, DatagramProtocol protocol) {
        return listenMulticast(port, protocol, "", IReactorUDP.DEFAULT_MAX_PACKET_SIZE, false);
    }
}
