package dev.twine.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A non-blocking TCP socket: the calls the shared transport and raw {@code IReadDescriptor} code use.
 *
 * <p>Every call is non-blocking. "Would block" is a return value, never an exception. Real errors are
 * thrown as {@link SocketErrorException} carrying a {@link SocketError} (for example
 * {@link SocketError#ECONNRESET}), whatever the OS, so that code above this SPI maps errors in one place.
 * Reactor thread only.
 */
public interface StreamSocketHandle extends SelectableHandle {

    /**
     * Starts connecting to {@code remote}.
     *
     * @return true if the connection completed at once, false if it is in progress (wait for
     *         {@link Poller#WRITE} then call {@link #finishConnect()})
     * @throws SocketErrorException for an immediate failure such as {@link SocketError#ECONNREFUSED}
     */
    boolean connect(InetSocketAddress remote) throws IOException;

    /**
     * Completes a connect that was in progress, after the poller reported the handle writable.
     *
     * @return true once connected, false if still in progress
     * @throws SocketErrorException with the connect error ({@code SO_ERROR}), e.g.
     *                              {@link SocketError#ECONNREFUSED}
     */
    boolean finishConnect() throws IOException;

    /** Binds the local side before {@link #connect}; port 0 picks any. */
    void bind(InetSocketAddress local) throws IOException;

    /**
     * Reads into {@code dst} from its position.
     *
     * @return bytes read (&gt; 0), {@code 0} if it would block, {@code -1} at end of stream
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes from {@code src}, advancing its position.
     *
     * @return bytes written, {@code 0} if it would block
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Gathering write of {@code srcs[offset .. offset+length)}, advancing their positions.
     *
     * @return bytes written, {@code 0} if it would block
     */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** {@code shutdown(SHUT_WR)}: the peer reads EOF after the bytes already written. */
    void shutdownOutput() throws IOException;

    /** {@code shutdown(SHUT_RD)}. */
    void shutdownInput() throws IOException;

    /** Closes with {@code SO_LINGER {1, 0}}, so the peer sees a reset; buffered data is discarded. */
    void abort() throws IOException;

    /** The local address ({@code getsockname}). */
    InetSocketAddress localAddress() throws IOException;

    /**
     * The peer address: for an accepted socket the one {@code accept} returned (no system call); for a
     * connecting one {@code getpeername}, or {@code null} while not connected.
     */
    InetSocketAddress remoteAddress() throws IOException;

    void setTcpNoDelay(boolean on) throws IOException;

    boolean getTcpNoDelay() throws IOException;

    void setKeepAlive(boolean on) throws IOException;

    boolean getKeepAlive() throws IOException;

    // -- UNIX sockets (semantics.md §8) --

    /**
     * Starts connecting this {@code AF_UNIX} socket (from {@link SocketProvider#openUnixStream()}) to
     * {@code name}, a path or a Linux abstract name starting with {@code '\0'}. As {@link #connect}: true if
     * connected at once, false if in progress.
     *
     * @throws SocketErrorException e.g. {@link SocketError#ECONNREFUSED} when nobody listens, or
     *                              {@link SocketError#EAFNOSUPPORT} for a TCP socket
     */
    default boolean connectUnix(String name) throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not a UNIX socket");
    }

    /**
     * The {@code AF_UNIX} name of this end ({@code ""} when unnamed, as a connecting client usually is), or
     * {@code null} if this is not a UNIX socket. {@link #localAddress()} and {@link #remoteAddress()} are
     * {@code null} for a UNIX socket.
     */
    default String localUnixName() throws IOException {
        return null;
    }

    /** The peer's {@code AF_UNIX} name ({@code ""} when unnamed), or {@code null} if not a UNIX socket. */
    default String remoteUnixName() throws IOException {
        return null;
    }

    /**
     * The {@code AF_UNIX} peer's credentials (semantics.md §8.7).
     *
     * @throws UnsupportedOperationException where the backend cannot read them, naming it
     * @throws SocketErrorException if the OS call fails
     */
    default dev.twine.internet.PeerCredentials peerCredentials() throws IOException {
        throw new UnsupportedOperationException("this socket has no peer credentials: " + this);
    }

    /** True if {@link #writeWithDescriptor} and {@link #readWithDescriptors} work (POSIX {@code AF_UNIX}). */
    default boolean passesDescriptors() {
        return false;
    }

    /**
     * Writes the first remaining byte of {@code src} with {@code descriptor} attached ({@code SCM_RIGHTS},
     * semantics.md §8.8), advancing {@code src} by one if it was sent.
     *
     * @return 1 if sent, 0 if it would block (nothing was sent)
     * @throws UnsupportedOperationException where {@link #passesDescriptors()} is false
     */
    default int writeWithDescriptor(ByteBuffer src, int descriptor) throws IOException {
        throw new UnsupportedOperationException("this socket cannot pass descriptors: " + this);
    }

    /**
     * As {@link #read}, also handing each descriptor that arrived with the bytes to {@code received}, in
     * order, before returning. The receiver owns them (and must close them).
     *
     * @throws UnsupportedOperationException where {@link #passesDescriptors()} is false
     */
    default int readWithDescriptors(ByteBuffer dst, java.util.function.IntConsumer received) throws IOException {
        throw new UnsupportedOperationException("this socket cannot pass descriptors: " + this);
    }
}
