package dev.twine.examples.lines;

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

/** {@code line-server [--listen DESCRIPTION | [--iface HOST] --port PORT]}: a line echo server on {@link LineEcho}. */
public final class LineServer {
    public static final String USAGE = "line-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]]";

    private LineServer() {
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected arguments: " + args.positional());
        }
        IReactor reactor = Reactors.reactor();
        ServerFactory factory = new ServerFactory(LineEcho::new);
        factory.noisy = false;
        IListeningPort listening = Servers.listen(reactor, args, factory, "", 0);
        Out.println("Echoing lines on " + listening.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
