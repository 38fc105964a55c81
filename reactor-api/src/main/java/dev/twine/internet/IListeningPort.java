package dev.twine.internet;

import dev.twine.defer.Deferred;

/** A listening TCP port (Twisted's {@code IListeningPort}, semantics.md §1.5). Reactor thread only. */
public interface IListeningPort {
    /** Listens again after {@link #stopListening()}. */
    void startListening();

    /**
     * Stops accepting; the socket closes on a later iteration and the returned Deferred fires after
     * {@code factory.doStop()}. Already-accepted connections are unaffected. Returns an already-fired
     * Deferred if not listening.
     */
    Deferred<Void> stopListening();

    /** The bound address; its port is the real one when port 0 was asked for. */
    IAddress getHost();
}
