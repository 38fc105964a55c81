package dev.twine.examples.kv;

import dev.twine.examples.Args;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.Reactors;
import dev.twine.internet.task.Task;
import java.util.List;
import java.util.Set;

/**
 * {@code kv-client [--host HOST] [--port PORT] [--interval SECONDS] [--max-delay SECONDS] [--count N] KEY}:
 * writes an increasing counter to KEY on the key-value server and reads it back, every interval (default
 * 1 s). Its factory is a {@link dev.twine.internet.ReconnectingClientFactory}, so it keeps going while the
 * server is restarted: it reconnects (after at most {@code --max-delay} seconds, default Twisted's 3600)
 * and carries on counting. It is written with {@link Task#react}: it exits with status 0 after
 * {@code --count} values have been read back (default 0: run until stopped by a signal).
 */
public final class KvClient {
    public static final String USAGE =
            "kv-client [--host HOST] [--port PORT] [--interval SECONDS] [--max-delay SECONDS] [--count N] KEY";

    private KvClient() {
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of("--host", "--port", "--interval", "--max-delay", "--count"));
        String key = args.single("key");
        if (key.isEmpty() || key.contains(" ")) {
            throw new UsageException("the key must be one word: '" + key + "'");
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
        ShutdownSignals.install(reactor);
        return Task.react(reactor, (r, ignored) -> {
            KvClientFactory factory = new KvClientFactory(r, key, interval, count, maxDelay);
            // Shutting down (a signal): the connection's end is then final, not a reason to reconnect.
            r.addSystemEventTrigger(IReactorCore.Phase.BEFORE, "shutdown", factory::stopTrying);
            r.connectTCP(host, port, factory);
            return factory.done();
        }, List.of());
    }
}
