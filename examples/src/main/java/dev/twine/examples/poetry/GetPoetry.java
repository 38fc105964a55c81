package dev.twine.examples.poetry;

import dev.twine.defer.Failure;
import dev.twine.examples.HostPort;
import dev.twine.examples.Stopping;
import dev.twine.examples.UsageException;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import java.time.Duration;
import java.util.List;

/**
 * {@code get-poetry PORT|HOST:PORT ...}: the tutorial's client built on {@code Protocol} and
 * {@code ClientFactory}. One factory per download carries the task number; the protocol collects the
 * poem; the factory reports connection failures with the connector's destination, as Twisted's
 * {@code clientConnectionFailed} example does.
 */
public final class GetPoetry {
    public static final String USAGE = "get-poetry PORT|HOST:PORT ...";

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
        List<HostPort> addresses = ClientArgs.addresses(argv);
        long start = System.nanoTime();
        IReactor reactor = Reactors.reactor();
        PoetryReport report = new PoetryReport(addresses.size(), () -> Stopping.stop(reactor));
        reactor.callWhenRunning(() -> {
            for (int i = 0; i < addresses.size(); i++) {
                HostPort a = addresses.get(i);
                reactor.connectTCP(a.host(), a.port(), new PoetryClientFactory(i + 1, report));
            }
        });
        reactor.run();
        report.printSummary(Duration.ofNanos(System.nanoTime() - start));
        return 0;
    }
}
