package dev.twine.internet;

/**
 * A UNIX stream connection (Twisted's {@code IUNIXTransport}, semantics.md §8.7): everything a TCP transport
 * does (it is the same transport), plus what only {@code AF_UNIX} has. Reactor thread only.
 */
public interface IUNIXTransport extends ITCPTransport {
    /**
     * The peer's credentials, read from the kernel.
     *
     * @throws UnsupportedOperationException naming the backend where it cannot tell (select: the JDK reports
     *         user and group names, not ids)
     * @throws java.io.UncheckedIOException if the socket is closed or the OS call fails
     */
    PeerCredentials getPeerCredentials();

    /**
     * Queues {@code descriptor} to be sent to the peer, attached to the next byte this transport writes
     * (Twisted's {@code sendFileDescriptor}): one byte carries one descriptor, so at least as many bytes as
     * descriptors must be written for all of them to go. The kernel gives the peer its own duplicate when the
     * byte is sent; this process keeps, and still owns, {@code descriptor}, which must stay open until then.
     *
     * @throws UnsupportedOperationException naming the backend where descriptors cannot be passed (select,
     *         iocp)
     */
    void sendFileDescriptor(int descriptor);
}
