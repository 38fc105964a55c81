package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorUNIX;
import java.util.Objects;

/**
 * A UNIX socket client endpoint (Twisted's {@code UNIXClientEndpoint}, semantics.md §8): each {@code connect}
 * is one {@code reactor.connectUNIX(path, ..., timeout, checkPID)}, with the Deferred of every client
 * endpoint (semantics.md §1.14.4): the protocol after its {@code connectionMade}, or the connect failure
 * ({@code BadFileError} when {@code checkPID} finds no live lock holder).
 *
 * <p>Threading: construct anywhere; {@code connect} on the reactor thread.
 */
public final class UNIXClientEndpoint implements IStreamClientEndpoint {
    private final IReactorUNIX reactor;
    private final String path;
    private final double timeout;
    private final boolean checkPID;

    /** A 30-second timeout and no lock check, as Twisted's defaults. */
    public UNIXClientEndpoint(IReactorUNIX reactor, String path) {
        this(reactor, path, 30, false);
    }

    /**
     * @param timeout  seconds before the attempt fails with {@code TimeoutError}; {@code <= 0}: none
     * @param checkPID require {@code path + ".lock"} to be held by a live process
     */
    public UNIXClientEndpoint(IReactorUNIX reactor, String path, double timeout, boolean checkPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.path = Objects.requireNonNull(path, "path");
        this.timeout = timeout;
        this.checkPID = checkPID;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
        return Endpoints.connectVia(factory, f -> reactor.connectUNIX(path, f, timeout, checkPID));
    }

    /** The path or abstract name to connect to. */
    public String path() {
        return path;
    }

    /** The connect timeout in seconds ({@code <= 0}: none). */
    public double timeout() {
        return timeout;
    }

    /** True if the lock file must be held by a live process. */
    public boolean checkPID() {
        return checkPID;
    }

    @Override
    public String toString() {
        return "UNIXClientEndpoint(path='" + path + "', timeout=" + timeout + ", checkPID=" + checkPID + ")";
    }
}
