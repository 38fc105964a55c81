package dev.twine.internet;

import dev.twine.defer.Failure;
import dev.twine.spi.SelectableHandle;

/**
 * Something the reactor can watch for readiness (Twisted's {@code IFileDescriptor}).
 *
 * <p>Twisted identifies a descriptor by {@code fileno()}; Twine by its {@link #handle()}, an object made
 * by the reactor's own backend (see {@link IReactorFDSet#sockets()}), so that the same descriptor code
 * runs on NIO, epoll, kqueue and IOCP. {@link #fileno()} still gives the OS descriptor where there is one.
 */
public interface IFileDescriptor extends ILoggingContext {

    /** The backend handle this descriptor is registered under. Must not change while registered. */
    SelectableHandle handle();

    /** The OS file descriptor, or {@code -1} where the backend has none. */
    default int fileno() {
        SelectableHandle h = handle();
        return h == null ? -1 : h.fileno();
    }

    /**
     * Called once when the connection is gone: after {@code doRead}/{@code doWrite} returned a reason,
     * or for every registered descriptor when the reactor shuts down (with {@code ConnectionLost}).
     * The reactor has already removed the descriptor from its reader and writer sets.
     */
    void connectionLost(Failure reason);
}
