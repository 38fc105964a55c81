package dev.twine.examples.poetry;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.ServerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code slowpoetry [--listen DESCRIPTION | [--iface HOST] --port PORT] [--num-bytes N] [--delay SECONDS]
 * FILE}: the tutorial's slow poetry server, which sends N bytes (default 10) every SECONDS (default 0.1), then closes, to
 * make the clients' concurrency visible.
 */
public final class SlowPoetryServer {
    public static final String USAGE =
            "slowpoetry [--listen DESCRIPTION | [--iface HOST] [--port PORT]] [--num-bytes N] [--delay SECONDS] FILE";

    private SlowPoetryServer() {
    }

    public static int main(List<String> argv) throws UsageException, IOException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port", "--num-bytes", "--delay"));
        Path file = Path.of(args.single("poetry file"));
        int numBytes = args.integer("--num-bytes", 10);
        double delay = args.seconds("--delay", 0.1);
        if (numBytes < 1) {
            throw new UsageException("--num-bytes must be at least 1: " + numBytes);
        }
        byte[] poem = Files.readAllBytes(file);

        IReactor reactor = Reactors.reactor();
        ServerFactory factory = new ServerFactory(() -> new SlowPoetryProtocol(reactor, poem, numBytes, delay));
        factory.noisy = false;
        IListeningPort listening = Servers.listen(reactor, args, factory, "127.0.0.1", 0);
        Out.println("Serving " + file + " on " + listening.getHost() + ", " + numBytes + " bytes every "
                + delay + " seconds.");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
