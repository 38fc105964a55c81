package dev.twine.examples.broadcast;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import java.time.Duration;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import java.util.List;
import java.util.Set;

/**
 * {@code broadcast-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] [--reactors N]}: the
 * chat-style relay from the tutorial (default port 8006). Each client is greeted with its number, everything
 * it sends goes to every other client, and {@code close} disconnects it. See {@link SlowReaderValve} for what
 * happens to a client
 * that does not read.
 *
 * <p>With {@code --reactors N} (N &gt; 1) the server runs on a {@link ReactorGroup} of N members sharing the
 * port; each member keeps its own clients and relays to the others with {@code callFromThread}
 * ({@link MemberHubs}). SIGINT/SIGTERM stop member 0, whose shutdown stops the whole group.
 */
public final class BroadcastServer {
    public static final String USAGE =
            "broadcast-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] [--reactors N]";

    private BroadcastServer() {
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port", "--reactors"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected arguments: " + args.positional());
        }
        int reactors = args.integer("--reactors", 1);
        if (reactors < 1) {
            throw new UsageException("--reactors must be at least 1, got " + reactors);
        }
        if (reactors > 1) {
            // A group shares one TCP port among its members (ReactorGroup.listenTCP); endpoint
            // descriptions name one reactor's listener, so they are not offered here.
            if (args.has(Servers.LISTEN)) {
                throw new UsageException("--listen takes one reactor; with --reactors N use --iface and --port");
            }
            return runOnGroup(args.port("--port", 8006), args.string("--iface", ""), reactors);
        }
        IReactor reactor = Reactors.reactor();
        IListeningPort listening = Servers.listen(reactor, args, new BroadcastFactory(), "", 8006);
        Out.println("Broadcast server listening on " + listening.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }

    private static int runOnGroup(int port, String iface, int reactors) {
        ReactorGroup group = ReactorGroup.create(reactors);
        MemberHubs hubs = new MemberHubs(group);
        GroupPort listening = group.listenTCP(port, hubs::newHub, Servers.BACKLOG, iface);
        Out.println("Broadcast server listening on " + listening.getHost() + ".");
        ReactorBase first = group.member(0);
        ShutdownSignals.install(first);
        // A signal stops member 0; its shutdown takes the rest of the group down with it.
        first.addSystemEventTrigger(Phase.BEFORE, "shutdown", group::stop);
        group.start();
        try {
            while (!group.awaitTermination(Duration.ofHours(1))) {
                // Keep waiting: the group runs until a signal stops it.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return 0;
    }
}
