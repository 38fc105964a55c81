package dev.twine.examples.broadcast;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import dev.twine.internet.endpoints.SSL4ServerEndpoint;
import dev.twine.internet.endpoints.TCP4ServerEndpoint;
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
 * ({@link MemberHubs}). {@code --listen} then takes {@code tcp:} or {@code ssl:} descriptions
 * ({@code ssl:8006:privateKey=key.pem:certKey=chain.pem} serves TLS on every member through
 * {@code ReactorGroup.listenSSL}). SIGINT/SIGTERM stop member 0, whose shutdown stops the whole group.
 */
public final class BroadcastServer {
    public static final String USAGE =
            "broadcast-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] [--reactors N]";

    private BroadcastServer() {
    }

    /**
     * Listens on the whole group. A group shares one port among its members ({@code ReactorGroup.listenTCP},
     * {@code listenSSL}), so of the endpoint descriptions only those that name one TCP port make sense here:
     * {@code tcp:} and {@code ssl:}. The description is parsed as for one reactor (member 0's, which only
     * constructs the endpoint) and its port, backlog, interface and TLS options are given to the group.
     */
    private static GroupPort listenOnGroup(ReactorGroup group, Args args, MemberHubs hubs) throws UsageException {
        if (!args.has(Servers.LISTEN)) {
            return group.listenTCP(args.port("--port", 8006), hubs::newHub, Servers.BACKLOG, args.string("--iface", ""));
        }
        IStreamServerEndpoint endpoint = Servers.endpoint(group.member(0), args, "", 8006);
        if (endpoint instanceof SSL4ServerEndpoint ssl) {
            return group.listenSSL(ssl.port(), hubs::newHub, ssl.contextFactory(), ssl.backlog(), ssl.iface());
        }
        if (endpoint instanceof TCP4ServerEndpoint tcp) {
            return group.listenTCP(tcp.port(), hubs::newHub, tcp.backlog(), tcp.iface());
        }
        throw new UsageException("with --reactors N, --listen takes a tcp: or ssl: description (one port the "
                + "reactors share), not " + args.string(Servers.LISTEN, null));
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
            return runOnGroup(args, reactors);
        }
        IReactor reactor = Reactors.reactor();
        IListeningPort listening = Servers.listen(reactor, args, new BroadcastFactory(), "", 8006);
        Out.println("Broadcast server listening on " + listening.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }

    private static int runOnGroup(Args args, int reactors) throws UsageException {
        ReactorGroup group = ReactorGroup.create(reactors);
        MemberHubs hubs = new MemberHubs(group);
        GroupPort listening;
        try {
            listening = listenOnGroup(group, args, hubs);
        } catch (UsageException | RuntimeException e) {
            group.close();
            throw e;
        }
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
