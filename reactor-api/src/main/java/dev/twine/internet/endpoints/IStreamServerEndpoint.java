package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;

/**
 * Somewhere a stream server can listen (Twisted's {@code IStreamServerEndpoint}, semantics.md §1.14).
 *
 * <p>An endpoint describes where to listen, not a listening port: {@link #listen} may be called more than
 * once and each call makes a new port, unless the endpoint says otherwise.
 *
 * <p>Threading: reactor thread only.
 */
public interface IStreamServerEndpoint {
    /**
     * Starts listening with {@code factory}. The Deferred fires with the listening port once it accepts
     * connections, or errbacks with the reason it could not listen (for TCP,
     * {@link dev.twine.internet.error.CannotListenError}); it never throws for a failure to listen.
     */
    Deferred<IListeningPort> listen(IProtocolFactory factory);
}
