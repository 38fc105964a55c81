package dev.twine.internet;

/**
 * A UNIX stream connection (Twisted's {@code IUNIXTransport}, semantics.md §9.7): everything a TCP transport
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
}
