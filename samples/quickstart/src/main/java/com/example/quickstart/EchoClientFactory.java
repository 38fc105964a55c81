package com.example.quickstart;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IReactor;

/**
 * Builds one {@link EchoClient} and stops the reactor when its connection ends or cannot be made,
 * which is what ends {@code reactor.run()} in {@link QuickStart}.
 */
public class EchoClientFactory extends ClientFactory {
    private final IReactor reactor;
    private final StringBuilder problems;

    public EchoClientFactory(IReactor reactor, String message, StringBuilder reply, StringBuilder problems) {
        super(() -> new EchoClient(message, reply::append));
        this.reactor = reactor;
        this.problems = problems;
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        problems.append("connection failed: ").append(reason.getErrorMessage());
        reactor.stop();
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
        reactor.stop();
    }
}
