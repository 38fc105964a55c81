package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.WinLayout;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.nativeio.windows.WinsockErrors;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A non-blocking Winsock TCP socket as a {@link StreamSocketHandle}.
 *
 * <p>Connecting follows the Winsock idiom: {@code connect} fails with {@code WSAEWOULDBLOCK} while in
 * progress; once the poller reports the socket writable (or {@code AFD_POLL_CONNECT_FAIL}),
 * {@link #finishConnect()} reads {@code SO_ERROR} and, if that is clear, asks {@code getpeername} whether
 * the connection is up. Errors carry POSIX names ({@link WinsockErrors}). Reactor thread only.
 */
final class WinsockStreamSocket extends WinsockHandle implements StreamSocketHandle {
    private boolean connecting;
    /** The peer address {@code accept} returned; null for a socket this process connects. */
    private final InetSocketAddress acceptedPeer;

    WinsockStreamSocket(WinsockCalls calls, long socket) {
        this(calls, socket, null);
    }

    WinsockStreamSocket(WinsockCalls calls, long socket, InetSocketAddress acceptedPeer) {
        super(calls, socket);
        this.acceptedPeer = acceptedPeer;
    }

    @Override
    public boolean connect(InetSocketAddress remote) throws IOException {
        checkOpen();
        boolean done = calls.connect(socket, remote);
        connecting = !done;
        return done;
    }

    @Override
    public boolean finishConnect() throws IOException {
        checkOpen();
        if (!connecting) {
            return true;
        }
        int err = calls.pendingError(socket);
        if (err != 0) {
            connecting = false;
            throw WinsockErrors.exception(err, "connect");
        }
        if (calls.remoteAddress(socket) == null) {
            return false;
        }
        connecting = false;
        return true;
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        checkOpen();
        calls.bind(socket, local);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        return calls.recv(socket, dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        checkOpen();
        return calls.send(socket, src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        checkOpen();
        return calls.send(socket, srcs, offset, length);
    }

    @Override
    public void shutdownOutput() throws IOException {
        checkOpen();
        calls.shutdown(socket, WinLayout.SD_SEND);
    }

    @Override
    public void shutdownInput() throws IOException {
        checkOpen();
        calls.shutdown(socket, WinLayout.SD_RECEIVE);
    }

    /** {@code SO_LINGER {1, 0}} then {@code closesocket}: the peer sees a reset. */
    @Override
    public void abort() throws IOException {
        if (markClosed()) {
            calls.abort(socket);
        }
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        checkOpen();
        return calls.localAddress(socket);
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        checkOpen();
        return acceptedPeer != null ? acceptedPeer : calls.remoteAddress(socket);
    }

    @Override
    public void setTcpNoDelay(boolean on) throws IOException {
        checkOpen();
        calls.setIntOption(socket, WinLayout.IPPROTO_TCP, WinLayout.TCP_NODELAY, on ? 1 : 0);
    }

    @Override
    public boolean getTcpNoDelay() throws IOException {
        checkOpen();
        return calls.getIntOption(socket, WinLayout.IPPROTO_TCP, WinLayout.TCP_NODELAY) != 0;
    }

    @Override
    public void setKeepAlive(boolean on) throws IOException {
        checkOpen();
        calls.setIntOption(socket, WinLayout.SOL_SOCKET, WinLayout.SO_KEEPALIVE, on ? 1 : 0);
    }

    @Override
    public boolean getKeepAlive() throws IOException {
        checkOpen();
        return calls.getIntOption(socket, WinLayout.SOL_SOCKET, WinLayout.SO_KEEPALIVE) != 0;
    }

    private void checkOpen() throws SocketErrorException {
        if (!isOpen()) {
            throw new SocketErrorException(SocketError.EBADF, "socket is closed");
        }
    }

    @Override
    public String toString() {
        return "WinsockStreamSocket[" + socket + (isOpen() ? "" : ", closed") + "]";
    }
}
