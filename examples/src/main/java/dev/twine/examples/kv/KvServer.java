package dev.twine.examples.kv;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.ServerFactory;
import java.util.List;
import java.util.Set;

/**
 * {@code kv-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] [--timeout SECONDS]}: an in-memory key-value server on
 * {@link dev.twine.protocols.basic.Int32StringReceiver} with an idle timeout from
 * {@link dev.twine.protocols.policies.TimeoutMixin} (default 60 s). Commands are {@link KvStore}'s.
 */
public final class KvServer {
    public static final String USAGE = "kv-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] [--timeout SECONDS]";

    private KvServer() {
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port", "--timeout"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected arguments: " + args.positional());
        }
        double timeout = args.seconds("--timeout", 60);
        if (timeout == 0) {
            throw new UsageException("--timeout must be more than 0 seconds");
        }
        IReactor reactor = Reactors.reactor();
        KvStore store = new KvStore();
        ServerFactory factory = new ServerFactory(() -> new KvServerProtocol(store, reactor, timeout));
        factory.noisy = false;
        IListeningPort listening = Servers.listen(reactor, args, factory, "127.0.0.1", 0);
        Out.println("Key-value server on " + listening.getHost() + ", idle timeout " + timeout + " s.");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
