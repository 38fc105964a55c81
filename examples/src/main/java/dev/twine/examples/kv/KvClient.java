package dev.twine.examples.kv;

import dev.twine.application.ClientService;
import dev.twine.application.RetryPolicy;
import dev.twine.defer.Deferred;
import dev.twine.examples.Args;
import dev.twine.examples.ClientTarget;
import dev.twine.examples.Out;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.Reactors;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import dev.twine.internet.task.Task;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code kv-client [--connect DESCRIPTION | [--host HOST] [--port PORT]] [--interval SECONDS] [--max-delay SECONDS]
 * [--count N] KEY}:
 * writes an increasing counter to KEY on the key-value server and reads it back, every interval (default
 * 1 s). Its factory is a {@link dev.twine.internet.ReconnectingClientFactory}, so it keeps going while the
 * server is restarted: it reconnects (after at most {@code --max-delay} seconds, default Twisted's 3600)
 * and carries on counting. It is written with {@link Task#react}: it exits with status 0 after
 * {@code --count} values have been read back (default 0: run until stopped by a signal). With
 * {@code --connect DESCRIPTION} it connects through that client endpoint and a
 * {@link dev.twine.application.ClientService} does the reconnecting.
 */
public final class KvClient {
    public static final String USAGE =
            "kv-client [--connect DESCRIPTION | [--host HOST] [--port PORT]] [--interval SECONDS] [--max-delay SECONDS]"
                    + " [--count N] KEY";

    private KvClient() {
    }

    /**
     * The endpoint version: a {@link ClientService} keeps the connection, with its own back-off (Twisted's
     * {@code backoffPolicy}, capped at {@code maxDelay}), instead of the factory's reconnecting. Failed
     * attempts are reported by a decorating endpoint, lost connections by the factory as before.
     */
    private static Deferred<Void> viaClientService(IReactor reactor, IStreamClientEndpoint endpoint,
            KvClientFactory factory, double maxDelay) {
        IStreamClientEndpoint reporting = f -> endpoint.connect(f).addErrback(failure -> {
            Out.println("Connection failed, retrying: " + failure.getErrorMessage());
            return failure;
        });
        Random jitter = new Random();
        ClientService service = new ClientService(reporting, factory,
                RetryPolicy.backoffPolicy(1.0, maxDelay, 1.5, jitter::nextDouble), reactor);
        factory.lossReporter(service::running);
        reactor.addSystemEventTrigger(IReactorCore.Phase.BEFORE, "shutdown", service::stopService);
        service.startService();
        return factory.done().addDeferredCallback(ignored -> service.stopService());
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of("--connect", "--host", "--port", "--interval", "--max-delay", "--count"));
        String key = args.single("key");
        if (key.isEmpty() || key.contains(" ")) {
            throw new UsageException("the key must be one word: '" + key + "'");
        }
        if (args.has("--connect") && (args.has("--host") || args.has("--port"))) {
            throw new UsageException("--connect replaces --host and --port; give one or the other");
        }
        String host = args.string("--host", "127.0.0.1");
        int port = args.port("--port", 8125);
        double interval = args.seconds("--interval", 1);
        double maxDelay = args.seconds("--max-delay", 3600);
        int count = args.integer("--count", 0);
        if (interval == 0 || count < 0) {
            throw new UsageException("--interval must be more than 0 and --count at least 0");
        }
        IReactor reactor = Reactors.reactor();
        IStreamClientEndpoint endpoint = args.has("--connect")
                ? ClientTarget.parse(args.string("--connect", null)).endpoint(reactor) : null;
        ShutdownSignals.install(reactor);
        return Task.react(reactor, (r, ignored) -> {
            KvClientFactory factory = new KvClientFactory(r, key, interval, count, maxDelay);
            if (endpoint != null) {
                return viaClientService(r, endpoint, factory, maxDelay);
            }
            // Shutting down (a signal): the connection's end is then final, not a reason to reconnect.
            r.addSystemEventTrigger(IReactorCore.Phase.BEFORE, "shutdown", factory::stopTrying);
            r.connectTCP(host, port, factory);
            return factory.done();
        }, List.of());
    }
}
