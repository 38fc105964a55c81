package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorUNIX;
import java.util.Objects;

/**
 * A UNIX socket server endpoint (Twisted's {@code UNIXServerEndpoint}, semantics.md §8): each {@code listen}
 * is one {@code reactor.listenUNIX(address, factory, backlog, mode, wantPID)}, its outcome in a Deferred (a
 * bind or lock failure errbacks with {@code CannotListenError}, never throws).
 *
 * <p>Threading: construct anywhere; {@code listen} on the reactor thread.
 */
public final class UNIXServerEndpoint implements IStreamServerEndpoint {
    private final IReactorUNIX reactor;
    private final String address;
    private final int backlog;
    private final int mode;
    private final boolean wantPID;

    /** Backlog 50, mode {@code 0666}, no lock file: Twisted's defaults for the class. */
    public UNIXServerEndpoint(IReactorUNIX reactor, String address) {
        this(reactor, address, 50, 0666, false);
    }

    /**
     * @param mode    the socket file's permission bits
     * @param wantPID take the lock file {@code address + ".lock"} (semantics.md §8.3)
     */
    public UNIXServerEndpoint(IReactorUNIX reactor, String address, int backlog, int mode, boolean wantPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.address = Objects.requireNonNull(address, "address");
        this.backlog = backlog;
        this.mode = mode;
        this.wantPID = wantPID;
    }

    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        try {
            return Deferred.succeed(reactor.listenUNIX(address, factory, backlog, mode, wantPID));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    /** The path or abstract name to listen on. */
    public String address() {
        return address;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** The socket file's permission bits. */
    public int mode() {
        return mode;
    }

    /** True if the lock file is taken. */
    public boolean wantPID() {
        return wantPID;
    }

    @Override
    public String toString() {
        return "UNIXServerEndpoint(address='" + address + "', backlog=" + backlog + ", mode=0"
                + Integer.toOctalString(mode) + ", wantPID=" + wantPID + ")";
    }
}
