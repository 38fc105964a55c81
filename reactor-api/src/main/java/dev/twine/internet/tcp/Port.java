package dev.twine.internet.tcp;

import dev.twine.defer.Deferred;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;

/** STUB: replaced by the tcp work; the constructor signature is the contract ReactorBase uses. */
public final class Port implements IListeningPort {
    public Port(IReactor reactor, int port, IProtocolFactory factory, int backlog, String iface) {
    }

    @Override
    public void startListening() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Deferred<Void> stopListening() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public IAddress getHost() {
        throw new UnsupportedOperationException("stub");
    }
}
