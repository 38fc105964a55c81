package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.WinLayout;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A non-blocking listening Winsock socket. Readable ({@code AFD_POLL_ACCEPT}) when a connection waits.
 * Reactor thread only.
 */
final class WinsockListeningSocket extends WinsockHandle implements ListeningSocketHandle {

    WinsockListeningSocket(WinsockCalls calls, long socket) {
        super(calls, socket);
    }

    @Override
    public StreamSocketHandle accept() throws IOException {
        if (!isOpen()) {
            throw new SocketErrorException(SocketError.EBADF, "socket is closed");
        }
        WinsockCalls.Accepted accepted = calls.accept(socket);
        return accepted == null ? null : new WinsockStreamSocket(calls, accepted.socket(), accepted.peer());
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        if (!isOpen()) {
            throw new SocketErrorException(SocketError.EBADF, "socket is closed");
        }
        return calls.localAddress(socket);
    }

    @Override
    public String toString() {
        return "WinsockListeningSocket[" + socket + (isOpen() ? "" : ", closed") + "]";
    }
}
