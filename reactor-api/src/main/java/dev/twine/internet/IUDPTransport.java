package dev.twine.internet;

/**
 * A bound UDP port as its protocol sees it (Twisted's {@code IUDPTransport}, semantics.md §7): what
 * {@link IReactorUDP#listenUDP} returns and {@link DatagramProtocol#transport} holds. Reactor thread only.
 *
 * <p>Writes never block and are never buffered: each {@link #write} is one {@code sendto}. When the
 * socket's send buffer is full the datagram is dropped, as the network itself may drop it, and
 * {@link #droppedDatagrams()} counts it.
 */
public interface IUDPTransport extends IListeningPort {

    /**
     * Sends one datagram to {@code host:port} (an IP literal; {@code null} on a connected port, where it
     * goes to the connected peer).
     *
     * @return the bytes sent, or {@code 0} if the datagram was dropped because the send buffer was full
     * @throws dev.twine.internet.error.InvalidAddressError if {@code addr}'s host is not an IP literal, or
     *                                                      if it is given on a connected port and is not
     *                                                      the peer, or missing on an unconnected one
     * @throws dev.twine.internet.error.MessageLengthError  if the datagram is too long to send
     * @throws IllegalStateException                        if the port is not listening
     */
    int write(byte[] datagram, IAddress addr);

    /** {@code write(datagram, null)}: on a connected port only. */
    default int write(byte[] datagram) {
        return write(datagram, null);
    }

    /**
     * Connects the port to {@code host:port}: from then on it receives only from there, {@link #write}
     * sends there, and an ICMP refusal of an earlier datagram calls
     * {@link DatagramProtocol#connectionRefused()}. May be called once; there is no reconnecting (as in
     * Twisted).
     *
     * @param host an IP literal; names must be resolved first
     * @throws dev.twine.internet.error.InvalidAddressError if {@code host} is not an IP literal
     * @throws IllegalStateException                        if already connected
     */
    void connect(String host, int port);

    /** How many datagrams {@link #write} dropped because the send buffer was full. Never reset. */
    long droppedDatagrams();
}
