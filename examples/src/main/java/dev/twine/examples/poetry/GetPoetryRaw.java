package dev.twine.examples.poetry;

import dev.twine.examples.ClientTarget;
import dev.twine.examples.HostPort;
import dev.twine.examples.Stopping;
import dev.twine.examples.UsageException;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.endpoints.TCP4ClientEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code get-poetry-raw PORT|HOST:PORT|tcp:DESCRIPTION ...}: the tutorial's first asynchronous client, on the reactor's
 * lowest level only (raw descriptors; see {@link RawPoetrySocket}). Downloads every poem concurrently.
 */
public final class GetPoetryRaw {
    public static final String USAGE = "get-poetry-raw PORT|HOST:PORT|tcp:DESCRIPTION ...";

    private GetPoetryRaw() {
    }

    public static int main(List<String> argv) throws UsageException {
        List<ClientTarget> targets = ClientArgs.targets(argv);
        long start = System.nanoTime();
        IReactor reactor = Reactors.reactor();
        // This client opens its own sockets, so a description must come down to a host and port.
        List<HostPort> addresses = new ArrayList<>();
        for (ClientTarget t : targets) {
            if (!(t.endpoint(reactor) instanceof TCP4ClientEndpoint tcp)) {
                throw new UsageException("get-poetry-raw opens its own TCP sockets; it takes only addresses and tcp:"
                        + " descriptions, not " + t.text());
            }
            addresses.add(new HostPort(tcp.host(), tcp.port()));
        }
        PoetryReport report = new PoetryReport(addresses.size(), () -> Stopping.stop(reactor));
        reactor.callWhenRunning(() -> {
            for (int i = 0; i < addresses.size(); i++) {
                new RawPoetrySocket(reactor, i + 1, addresses.get(i), report).start();
            }
        });
        reactor.run();
        report.printSummary(Duration.ofNanos(System.nanoTime() - start));
        return 0;
    }
}
