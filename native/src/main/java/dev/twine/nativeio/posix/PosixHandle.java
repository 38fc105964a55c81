package dev.twine.nativeio.posix;

import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;

/**
 * A selectable POSIX file descriptor: the handle type of every backend built on descriptors (epoll,
 * kqueue), whose pollers are typed {@code Poller<PosixHandle>}, and the common part of the socket
 * handles.
 *
 * <p>A poller watches {@link #fileno()}. The descriptor number stays valid until {@link #close()}, after which
 * {@link #fileno()} is {@code -1}; the reactor deregisters a handle before closing it, so a poller
 * never sees a number that may already belong to a newer descriptor.
 *
 * <p>Reactor thread only, like the SPI it implements.
 */
public abstract class PosixHandle implements SelectableHandle {

    /** The system calls this handle makes, with their error policy. */
    protected final SocketCalls calls;
    private int fd;

    /**
     * @param calls the calls to make
     * @param fd    an open descriptor, now owned by this handle
     */
    protected PosixHandle(SocketCalls calls, int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("negative descriptor " + fd);
        }
        this.calls = calls;
        this.fd = fd;
    }

    @Override
    public final int fileno() {
        return fd;
    }

    @Override
    public final boolean isOpen() {
        return fd >= 0;
    }

    /**
     * The open descriptor, for a call about to be made.
     *
     * @throws SocketErrorException {@code EBADF} once closed, as the system call itself would say
     */
    protected final int openFd(String call) throws SocketErrorException {
        int current = fd;
        if (current < 0) {
            throw calls.errno().exception(call, calls.errno().number("EBADF"));
        }
        return current;
    }

    /** Closes the descriptor once; later calls do nothing. The result of close(2) is not used. */
    @Override
    public void close() {
        int current = fd;
        if (current >= 0) {
            fd = -1;
            calls.close(current);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[fd=" + fd + "]";
    }
}
