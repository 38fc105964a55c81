package dev.twine.internet;

/**
 * UNIX stream sockets (Twisted's {@code IReactorUNIX}, semantics.md §8). Names are file system paths, or
 * Linux abstract names starting with {@code '\0'} (or written with a leading {@code '@'}, which Twine turns
 * into the NUL). Reactor thread only. A backend without UNIX sockets fails {@code listenUNIX} with
 * {@link dev.twine.internet.error.CannotListenError} and {@code connectUNIX} with
 * {@code clientConnectionFailed}, both naming the reason.
 */
public interface IReactorUNIX {
    /**
     * Listens on {@code address}. Synchronous: {@code factory.doStart()} has run when this returns.
     *
     * <p>With {@code wantPID}, a lock file {@code address + ".lock"} (a symbolic link to this process's id)
     * is taken first; a lock held by a live process fails the call, and a lock left by a dead one is
     * broken and the stale socket file removed. After binding, the file's permissions become {@code mode}
     * (Twisted's default {@code 0666}). Closing the port removes the socket file and the lock.
     *
     * @param backlog the listen queue length
     * @param mode    the socket file's permission bits, e.g. {@code 0600}
     * @throws dev.twine.internet.error.CannotListenError if the lock is held, the path is too long, the
     *         directory denies access, or another socket listens there; the message names the path
     */
    IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode, boolean wantPID);

    /** {@code listenUNIX(address, factory, 50, 0666, false)}. */
    default IListeningPort listenUNIX(String address, IProtocolFactory factory) {
        return listenUNIX(address, factory, 50, 0666, false);
    }

    /**
     * Connects to the UNIX socket {@code address}, as {@code connectTCP} does to a TCP port: the outcome
     * reaches {@code factory} ({@code buildProtocol} or {@code clientConnectionFailed}).
     *
     * @param timeout  seconds before failing with {@code TimeoutError}; {@code <= 0} means none
     * @param checkPID fail with {@link dev.twine.internet.error.BadFileError} unless {@code address + ".lock"}
     *                 is held by a live process
     */
    IConnector connectUNIX(String address, ClientFactory factory, double timeout, boolean checkPID);

    /** {@code connectUNIX(address, factory, 30, false)}. */
    default IConnector connectUNIX(String address, ClientFactory factory) {
        return connectUNIX(address, factory, 30, false);
    }
}
