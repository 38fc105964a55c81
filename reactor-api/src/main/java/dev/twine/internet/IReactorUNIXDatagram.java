package dev.twine.internet;

/**
 * UNIX datagram sockets (Twisted's {@code IReactorUNIXDatagram}, semantics.md §8.9). Names are file system
 * paths, or Linux abstract names starting with {@code '\0'} (or written with a leading {@code '@'}), as for
 * {@link IReactorUNIX}. Reactor thread only.
 *
 * <p>A backend without {@code AF_UNIX} datagram sockets
 * ({@link dev.twine.spi.SocketProvider#supportsUnixDatagram()} false: select, whose JDK
 * {@code DatagramChannel} has no {@code AF_UNIX}, and iocp) fails both calls with a
 * {@link dev.twine.internet.error.CannotListenError} naming the path and the reason.
 */
public interface IReactorUNIXDatagram {
    /**
     * Binds a datagram socket to {@code address} and connects {@code protocol} to it, as
     * {@link IReactorUDP#listenUDP} does with a UDP port: synchronous, {@code startProtocol} has run when
     * this returns. The file is handled as {@code listenUNIX} handles it (semantics.md §8.2): a stale socket
     * file is removed, the file's permissions become {@code mode}, and closing the port removes it. Each
     * datagram reaches {@link DatagramProtocol#datagramReceived} with the sender's {@link UNIXAddress}
     * ({@code ""} for an unbound sender, which cannot be answered).
     *
     * @param maxPacketSize the longest datagram delivered whole; longer ones are truncated to it
     * @param mode          the socket file's permission bits (Twisted's default {@code 0666})
     * @throws dev.twine.internet.error.CannotListenError if the path is too long, the directory denies
     *         access, a live socket is bound there, or the backend has no UNIX datagram sockets; the message
     *         names the path
     */
    IUNIXDatagramTransport listenUNIXDatagram(String address, DatagramProtocol protocol, int maxPacketSize, int mode);

    /** {@code listenUNIXDatagram(address, protocol, 8192, 0666)}. */
    default IUNIXDatagramTransport listenUNIXDatagram(String address, DatagramProtocol protocol) {
        return listenUNIXDatagram(address, protocol, IReactorUDP.DEFAULT_MAX_PACKET_SIZE, 0666);
    }

    /**
     * Opens a datagram socket connected to the one bound at {@code address} (Twisted's
     * {@code ConnectedDatagramPort}): bound first to {@code bindAddress} if given (with {@code mode}, as
     * {@link #listenUNIXDatagram}), then connected, then {@code protocol.makeConnection}. If binding or
     * connecting fails (no file: {@code ENOENT}; nobody bound: {@code ECONNREFUSED}), the protocol's
     * {@link ConnectedDatagramProtocol#connectionFailed} is called with the {@code CannotListenError} and the
     * port is returned not listening, as Twisted does. Afterwards a peer that has gone reaches
     * {@link DatagramProtocol#connectionRefused()}.
     *
     * @param bindAddress a name for this end, or {@code null} to send unnamed (then the peer cannot answer)
     */
    IUNIXDatagramConnectedTransport connectUNIXDatagram(String address, ConnectedDatagramProtocol protocol,
            int maxPacketSize, int mode, String bindAddress);

    /** {@code connectUNIXDatagram(address, protocol, 8192, 0666, null)}. */
    default IUNIXDatagramConnectedTransport connectUNIXDatagram(String address, ConnectedDatagramProtocol protocol) {
        return connectUNIXDatagram(address, protocol, IReactorUDP.DEFAULT_MAX_PACKET_SIZE, 0666, null);
    }
}
