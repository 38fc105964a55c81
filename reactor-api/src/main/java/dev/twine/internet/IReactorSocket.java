package dev.twine.internet;

import java.net.StandardProtocolFamily;

/**
 * Takes over sockets made outside Twine (Twisted's {@code IReactorSocket}, semantics.md §9): a listening
 * socket inherited from a supervisor such as systemd, or a connection another process accepted and passed
 * over a UNIX socket ({@link IUNIXTransport#sendFileDescriptor}, {@link IFileDescriptorReceiver}).
 *
 * <p>Ownership: each call duplicates {@code fileDescriptor} (as Twisted's {@code socket.fromfd} does) and
 * serves the duplicate, made non-blocking and close-on-exec. The caller still owns the descriptor it passed
 * and should close it once the call returns; closing it does not disturb the adopted socket. The socket's
 * family must be {@code addressFamily}; its state (bound, listening, connected) must be the one each call
 * names.
 *
 * <p>Backends: epoll and kqueue adopt descriptors. The select backend cannot (the JDK's channels do not
 * wrap one), nor can iocp (Winsock handles are not descriptors): there every call throws
 * {@link UnsupportedOperationException} naming the backend, where Twisted's reactors without the
 * capability do not provide the interface at all.
 *
 * <p>Threading: reactor thread only, like every reactor call.
 */
public interface IReactorSocket {
    /**
     * Serves a listening stream socket: like {@code listenTCP} (or {@code listenUNIX}) on a socket already
     * bound and listening. {@code factory.doStart()} runs, the port logs that it started, and
     * {@code getHost()} is the socket's own address.
     *
     * @param addressFamily {@code INET}, {@code INET6} or {@code UNIX}
     * @throws dev.twine.internet.error.CannotListenError naming the descriptor if it cannot be duplicated
     *         (not open: {@code EBADF}) or its address read
     * @throws UnsupportedOperationException on a backend that cannot adopt descriptors
     */
    IListeningPort adoptStreamPort(int fileDescriptor, StandardProtocolFamily addressFamily, IProtocolFactory factory);

    /**
     * Serves one connected stream socket, as a listening port serves a connection it accepted:
     * {@code factory.buildProtocol(peer)} ({@code null} closes the socket), then a transport that starts
     * reading, then {@code makeConnection}. The factory is not started (Twisted's
     * {@code _fromConnectedSocket}).
     *
     * @throws java.io.UncheckedIOException naming the descriptor if it cannot be duplicated
     * @throws UnsupportedOperationException on a backend that cannot adopt descriptors
     */
    void adoptStreamConnection(int fileDescriptor, StandardProtocolFamily addressFamily, IProtocolFactory factory);

    /**
     * Serves a bound UDP socket, as {@code listenUDP} serves one it bound: {@code startProtocol} has run when
     * this returns. Twisted returns an {@code IListeningPort}; the port returned here is also the protocol's
     * transport.
     *
     * @param addressFamily {@code INET} or {@code INET6}
     * @param maxPacketSize the longest datagram delivered whole
     * @throws dev.twine.internet.error.CannotListenError naming the descriptor if it cannot be duplicated
     * @throws UnsupportedOperationException on a backend that cannot adopt descriptors
     */
    IUDPTransport adoptDatagramPort(int fileDescriptor, StandardProtocolFamily addressFamily, DatagramProtocol protocol,
            int maxPacketSize);

    /**
     * Closes a descriptor this process owns: the one an adoption left with the caller, or one an
     * {@link IFileDescriptorReceiver} received. Twine's addition: Twisted's callers use {@code os.close}, which
     * Java lacks. It never retries (close(2): after {@code EINTR} the descriptor is gone on Linux) and reports
     * nothing, as {@code os.close} reports nothing useful for a socket.
     *
     * @throws UnsupportedOperationException on a backend that cannot adopt descriptors
     */
    void closeFileDescriptor(int fileDescriptor);
}
