package dev.twine.examples.broadcast;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import java.util.List;
import java.util.Set;

/**
 * {@code broadcast-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]]}: the chat-style relay from the tutorial
 * (default port 8006). Each client is greeted with its number, everything it sends goes to every other
 * client, and {@code close} disconnects it. See {@link SlowReaderValve} for what happens to a client
 * that does not read.
 */
public final class BroadcastServer {
    public static final String USAGE = "broadcast-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]]";

    private BroadcastServer() {
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected arguments: " + args.positional());
        }
        IReactor reactor = Reactors.reactor();
        IListeningPort listening = Servers.listen(reactor, args, new BroadcastFactory(), "", 8006);
        Out.println("Broadcast server listening on " + listening.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
