package dev.twine.examples.poetry;

import dev.twine.defer.Failure;
import dev.twine.examples.ClientTarget;
import dev.twine.examples.Stopping;
import dev.twine.examples.UsageException;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code get-poetry PORT|HOST:PORT|DESCRIPTION ...}: the tutorial's client built on {@code Protocol} and
 * {@code ClientFactory}. One factory per download carries the task number; the protocol collects the
 * poem; the factory reports connection failures with the connector's destination, as Twisted's
 * {@code clientConnectionFailed} example does.
 */
public final class GetPoetry {
    public static final String USAGE = "get-poetry PORT|HOST:PORT|DESCRIPTION ...";

    private GetPoetry() {
    }

    /** Builds the protocol for one task and reports how the connection attempt ended. */
    static final class PoetryClientFactory extends ClientFactory {
        private final int task;
        private final PoetryReport report;

        PoetryClientFactory(int task, PoetryReport report) {
            this.task = task;
            this.report = report;
            this.noisy = false;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            PoetryClientProtocol p = new PoetryClientProtocol(
                    (bytes, from) -> report.chunk(task, bytes, from),
                    poem -> report.poem(task, poem),
                    reason -> report.failed(task, reason.getErrorMessage()));
            p.factory = this;
            return p;
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            report.failedToConnect(task, connector.getDestination());
        }
    }

    public static int main(List<String> argv) throws UsageException {
        List<ClientTarget> targets = ClientArgs.targets(argv);
        long start = System.nanoTime();
        IReactor reactor = Reactors.reactor();
        List<IStreamClientEndpoint> endpoints = new ArrayList<>();
        for (ClientTarget t : targets) {
            endpoints.add(t.endpoint(reactor));
        }
        PoetryReport report = new PoetryReport(targets.size(), () -> Stopping.stop(reactor));
        reactor.callWhenRunning(() -> {
            for (int i = 0; i < targets.size(); i++) {
                ClientTarget t = targets.get(i);
                PoetryClientFactory factory = new PoetryClientFactory(i + 1, report);
                if (t.address() != null) {
                    // The tutorial's way: connectTCP, and the factory hears clientConnectionFailed.
                    reactor.connectTCP(t.address().host(), t.address().port(), factory);
                } else {
                    // An endpoint reports a failed connect through its Deferred instead.
                    int task = i + 1;
                    IStreamClientEndpoint endpoint = endpoints.get(i);
                    endpoint.connect(factory).addErrback(failure -> {
                        report.failedToConnect(task, t.destination(endpoint));
                        return null;
                    });
                }
            }
        });
        reactor.run();
        report.printSummary(Duration.ofNanos(System.nanoTime() - start));
        return 0;
    }
}
