package dev.twine.examples.fib;

import dev.twine.application.Application;
import dev.twine.application.StateFile;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.Reactors;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fib-server [--listen DESCRIPTION | [--iface HOST] --port PORT] --state FILE}: Twisted's persisted-application idea
 * ({@code twistd -f app.tap}) with Twine's {@link Application} layer.
 *
 * <p>The program builds an application called {@code fib-server} holding a {@link FibonacciService}
 * and a {@link StreamServerEndpointService}, restores the sequence from the state file if an earlier run saved one, and
 * starts it with {@link Application#startApplication}: on SIGTERM or SIGINT ({@link ShutdownSignals})
 * the reactor stops, the "before shutdown" phase stops the services (the port closes), and the "after
 * shutdown" phase saves the sequence. The next run continues where this one stopped.
 */
public final class FibServer {
    public static final String USAGE = "fib-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] --state FILE";

    private FibServer() {
    }

    public static int main(List<String> argv) throws UsageException, IOException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port", "--state"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected arguments: " + args.positional());
        }
        if (!args.has("--state")) {
            throw new UsageException("--state FILE is required");
        }
        Path state = Path.of(args.string("--state", null));
        IReactor reactor = Reactors.reactor();
        IStreamServerEndpoint endpoint = Servers.endpoint(reactor, args, "", 0);
        Application app = new Application("fib-server", state);
        FibonacciService sequence = new FibonacciService();
        sequence.setServiceParent(app);
        ServerFactory factory = new ServerFactory(() -> new FibProtocol(sequence));
        factory.noisy = false;
        StreamServerEndpointService server = new StreamServerEndpointService(endpoint, factory);
        server.setName("tcp");
        server.setServiceParent(app);

        boolean restored = app.load();
        app.startApplication(reactor, true);
        // Registered after the application's own trigger, so it runs after the save (FIFO per phase), and
        // reports what the file really holds rather than what the program hoped to write.
        reactor.addSystemEventTrigger(IReactorCore.Phase.AFTER, "shutdown", () -> Out.println(describeSaved(state)));
        Out.println("Serving Fibonacci numbers on " + server.getPort().getHost() + "; "
                + (restored ? "restored from " : "new state in ") + state + "; next number " + sequence.peek() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }

    private static String describeSaved(Path state) {
        try {
            Map<String, String> saved = new StateFile(state).read().orElse(Map.of());
            String prefix = FibonacciService.NAME + ".";
            FibonacciService probe = new FibonacciService();
            probe.restoreState(Map.of(
                    "previous", saved.getOrDefault(prefix + "previous", ""),
                    "current", saved.getOrDefault(prefix + "current", "")));
            return "Saved state to " + state + "; the next number will be " + probe.peek() + ".";
        } catch (IOException | IllegalArgumentException e) {
            return "Could not save state to " + state + ": " + e.getMessage();
        }
    }
}
