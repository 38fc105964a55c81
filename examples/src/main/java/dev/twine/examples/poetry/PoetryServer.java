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
 * {@code poetry-server [--listen DESCRIPTION | [--iface HOST] --port PORT] FILE}: the tutorial's fast poetry server. Every
 * connection gets the file's bytes, exactly, then the server closes it. The file is read once, at
 * start; any file will do.
 */
public final class PoetryServer {
    public static final String USAGE = "poetry-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] FILE";

    private PoetryServer() {
    }

    public static int main(List<String> argv) throws UsageException, IOException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port"));
        Path file = Path.of(args.single("poetry file"));
        byte[] poem = Files.readAllBytes(file);

        IReactor reactor = Reactors.reactor();
        ServerFactory factory = new ServerFactory(() -> new PoetryProtocol(poem));
        factory.noisy = false;
        IListeningPort listening = Servers.listen(reactor, args, factory, "127.0.0.1", 0);
        Out.println("Serving " + file + " on " + listening.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
