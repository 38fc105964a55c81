package dev.twine.examples.poetry;

import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import dev.twine.defer.Failure;
import dev.twine.examples.ClientTarget;
import dev.twine.examples.Stopping;
import dev.twine.examples.UsageException;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import dev.twine.internet.error.ConnectError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code get-poetry-deferred PORT|HOST:PORT|DESCRIPTION ...}: the tutorial's Deferred-based client. It uses
 * {@link PoetryClient#getPoetry} for each address, a callback to keep each poem, an errback to report
 * each failure (and recover, so one failure does not spoil the rest), and a {@link DeferredList} over
 * all of them to stop the reactor when every download has ended.
 */
public final class GetPoetryDeferred {
    public static final String USAGE = "get-poetry-deferred PORT|HOST:PORT|DESCRIPTION ...";

    private GetPoetryDeferred() {
    }

    public static int main(List<String> argv) throws UsageException {
        List<ClientTarget> addresses = ClientArgs.targets(argv);
        long start = System.nanoTime();
        IReactor reactor = Reactors.reactor();
        List<IStreamClientEndpoint> endpoints = new ArrayList<>();
        for (ClientTarget t : addresses) {
            endpoints.add(t.endpoint(reactor));
        }
        // The report's own "all done" hook is not needed: the DeferredList says when everything ended.
        PoetryReport report = new PoetryReport(addresses.size(), () -> { });
        reactor.callWhenRunning(() -> {
            List<Deferred<Void>> downloads = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                int task = i + 1;
                ClientTarget a = addresses.get(i);
                IStreamClientEndpoint endpoint = endpoints.get(i);
                Deferred<Void> d = PoetryClient.getPoetry(endpoint,
                                (bytes, from) -> report.chunk(task, bytes, from))
                        .addCallbacks(poem -> {
                            report.poem(task, poem);
                            return null;
                        }, failure -> {
                            reportFailure(report, task, a.destination(endpoint), failure);
                            return null;
                        });
                downloads.add(d);
            }
            DeferredList.of(downloads).addBoth(ignored -> {
                Stopping.stop(reactor);
                return null;
            });
        });
        reactor.run();
        report.printSummary(Duration.ofNanos(System.nanoTime() - start));
        return 0;
    }

    private static void reportFailure(PoetryReport report, int task, IAddress destination, Failure failure) {
        if (failure.check(ConnectError.class) != null) {
            report.failedToConnect(task, destination);
        } else {
            report.failed(task, failure.getErrorMessage());
        }
    }
}
