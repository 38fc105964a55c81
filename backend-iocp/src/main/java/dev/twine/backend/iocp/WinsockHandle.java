package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.SelectableHandle;

import java.io.IOException;

/**
 * The IOCP backend's handle type: the {@code SOCKET}, its base provider handle (the one
 * {@code IOCTL_AFD_POLL} is given), and the poll request an {@link IocpPoller} keeps for it (written only
 * by that poller).
 *
 * <p>Reactor thread only.
 */
abstract class WinsockHandle implements SelectableHandle {
    final WinsockCalls calls;
    final long socket;
    final long baseSocket;
    /** The poller's request for this handle while it has non-zero interest; owned by the poller. */
    AfdPollRequest pollRequest;
    private boolean open = true;

    WinsockHandle(WinsockCalls calls, long socket) {
        this.calls = calls;
        this.socket = socket;
        this.baseSocket = calls.baseHandle(socket);
    }

    /**
     * The {@code SOCKET} value as an int. Windows keeps kernel handle values below 2^24 in practice and
     * documents that they can be truncated to 32 bits for interoperability, so nothing is lost.
     */
    @Override
    public final int fileno() {
        return open ? (int) socket : -1;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            calls.close(socket);
        }
    }

    /** Marks the handle closed without closing the socket again (after {@code abort}). */
    final boolean markClosed() {
        boolean was = open;
        open = false;
        return was;
    }
}
