package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;

/**
 * Somewhere a stream client can connect (Twisted's {@code IStreamClientEndpoint}, semantics.md §1.14).
 *
 * <p>Each {@link #connect} is one independent attempt.
 *
 * <p>Threading: reactor thread only.
 */
public interface IStreamClientEndpoint {
    /**
     * Connects, asking {@code factory} for the protocol once the connection is up. The Deferred fires with
     * that protocol after its {@code connectionMade} has run, or errbacks with a
     * {@link dev.twine.internet.error.ConnectError} subclass (or the exception {@code buildProtocol}
     * threw, or {@link dev.twine.internet.error.NoProtocol} if it returned {@code null}). Cancelling it
     * before it fires abandons the attempt and errbacks it with
     * {@link dev.twine.internet.error.ConnectingCancelledError}.
     */
    Deferred<IProtocol> connect(IProtocolFactory factory);
}
