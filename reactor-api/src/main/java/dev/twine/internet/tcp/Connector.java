package dev.twine.internet.tcp;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IReactor;
import java.net.InetSocketAddress;

/** STUB: replaced by the tcp work; the constructor signature is the contract ReactorBase uses. */
public final class Connector implements IConnector {
    public Connector(IReactor reactor, String host, int port, ClientFactory factory, double timeout,
            InetSocketAddress bindAddress) {
    }

    @Override
    public void stopConnecting() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void disconnect() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void connect() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public IAddress getDestination() {
        throw new UnsupportedOperationException("stub");
    }
}
