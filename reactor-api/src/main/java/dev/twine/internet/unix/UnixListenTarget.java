package dev.twine.internet.unix;

import dev.twine.internet.IAddress;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.tcp.ListenTarget;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketProvider;
import java.io.IOException;

/**
 * What {@code listenUNIX} listens on (semantics.md §8.2): a {@link UnixSocketFile} (the lock file first with
 * {@code wantPID}, then the socket, then the file's mode; closing removes the file and the lock) bound by a
 * listening stream socket. A file left by a listener that is gone is removed and the bind retried once; a
 * live listener at the path fails with {@link CannotListenError}. Every failure names the path. Reactor
 * thread only.
 */
public final class UnixListenTarget implements ListenTarget {
    private final UnixSocketFile file;

    /**
     * @param name    a path, or an abstract name with a leading NUL or {@code '@'}
     * @param mode    the permission bits given to the socket file after bind
     * @param wantPID take the lock file {@code name + ".lock"} first
     */
    public UnixListenTarget(String name, int mode, boolean wantPID) {
        this.file = new UnixSocketFile(name, mode, wantPID);
    }

    @Override
    public ListeningSocketHandle open(SocketProvider sockets, int backlog) {
        return file.bind(sockets, name -> sockets.listenUnix(name, backlog));
    }

    @Override
    public IAddress boundAddress(ListeningSocketHandle socket) {
        return new UNIXAddress(file.name());
    }

    @Override
    public CannotListenError cannotListen(IOException cause) {
        return file.cannotListen(cause);
    }

    @Override
    public String describe(IAddress bound) {
        return file.display();
    }

    /** Removes the socket file (a path, not an abstract name) and releases the lock, as Twisted's Port does. */
    @Override
    public void closed() {
        file.closed();
    }
}
