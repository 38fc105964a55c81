package dev.twine.examples.poetry;

import dev.twine.examples.HostPort;
import dev.twine.examples.Stopping;
import dev.twine.examples.UsageException;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import java.time.Duration;
import java.util.List;

/**
 * {@code get-poetry-raw PORT|HOST:PORT ...}: the tutorial's first asynchronous client, on the reactor's
 * lowest level only (raw descriptors; see {@link RawPoetrySocket}). Downloads every poem concurrently.
 */
public final class GetPoetryRaw {
    public static final String USAGE = "get-poetry-raw PORT|HOST:PORT ...";

    private GetPoetryRaw() {
    }

    public static int main(List<String> argv) throws UsageException {
        List<HostPort> addresses = ClientArgs.addresses(argv);
        long start = System.nanoTime();
        IReactor reactor = Reactors.reactor();
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
