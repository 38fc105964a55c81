package dev.twine.examples;

import dev.twine.examples.broadcast.BroadcastServer;
import dev.twine.examples.broadcast.EchoClient;
import dev.twine.examples.fib.FibServer;
import dev.twine.examples.lines.LineServer;
import dev.twine.examples.poetry.GetPoetry;
import dev.twine.examples.poetry.GetPoetryDeferred;
import dev.twine.examples.poetry.GetPoetryRaw;
import dev.twine.examples.poetry.PoetryServer;
import dev.twine.examples.poetry.SlowPoetryServer;
import dev.twine.internet.Reactors;
import dev.twine.internet.error.CannotListenError;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one example program: {@code java -jar twine-examples.jar NAME ARGS...} (or the
 * {@code examples/twine-example} script). Every program takes {@code -Dtwine.reactor=NAME} (a JVM option,
 * before {@code -jar}) to choose the backend.
 *
 * <p>Exit status: the program's own (0 when it ends normally), 2 for a bad command line, 1 when it
 * cannot start (a file it cannot read, a port it cannot listen on, no usable backend).
 */
public final class Launcher {

    /** {@code twine-example info}: prints {@link Reactors#diagnostics()}, one line each. */
    static int info(List<String> args) {
        Out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ")");
        Reactors.diagnostics().forEach(Out::println);
        return 0;
    }

    /** A program's entry point: takes the arguments after its name, returns the exit status. */
    @FunctionalInterface
    interface Entry {
        int run(List<String> args) throws Exception;
    }

    /** One program: its name on the command line, its usage line, what it is, and how to run it. */
    record Program(String name, String usage, String summary, Entry entry) {
    }

    static final Map<String, Program> PROGRAMS = new LinkedHashMap<>();

    static {
        add(new Program("poetry-server", PoetryServer.USAGE, "fast poetry server: sends the file, then closes",
                PoetryServer::main));
        add(new Program("slowpoetry", SlowPoetryServer.USAGE, "slow poetry server: N bytes every SECONDS",
                SlowPoetryServer::main));
        add(new Program("get-poetry-raw", GetPoetryRaw.USAGE, "poetry client on raw descriptors (addReader/doRead)",
                GetPoetryRaw::main));
        add(new Program("get-poetry", GetPoetry.USAGE, "poetry client on Protocol and ClientFactory",
                GetPoetry::main));
        add(new Program("get-poetry-deferred", GetPoetryDeferred.USAGE, "poetry client on getPoetry() -> Deferred",
                GetPoetryDeferred::main));
        add(new Program("broadcast-server", BroadcastServer.USAGE, "relays each client's messages to the others",
                BroadcastServer::main));
        add(new Program("echo-client", EchoClient.USAGE, "broadcast client: prints messages, says hello 5 s later",
                EchoClient::main));
        add(new Program("weblog-server", dev.twine.examples.weblog.WeblogServer.USAGE,
                "streams new Apache access-log lines to clients as XML", dev.twine.examples.weblog.WeblogServer::main));
        add(new Program("fib-server", FibServer.USAGE, "shared Fibonacci sequence that survives restarts",
                FibServer::main));
        add(new Program("line-server", LineServer.USAGE, "LineReceiver echo server", LineServer::main));
        add(new Program("kv-server", dev.twine.examples.kv.KvServer.USAGE,
                "key-value server on Int32StringReceiver with an idle timeout", dev.twine.examples.kv.KvServer::main));
        add(new Program("kv-client", dev.twine.examples.kv.KvClient.USAGE,
                "key-value client that reconnects (ReconnectingClientFactory)", dev.twine.examples.kv.KvClient::main));
        add(new Program("udp-echo-server", dev.twine.examples.udp.UdpEchoServer.USAGE,
                "UDP echo server: every datagram back to its sender", dev.twine.examples.udp.UdpEchoServer::main));
        add(new Program("udp-echo-client", dev.twine.examples.udp.UdpEchoClient.USAGE,
                "connected-UDP echo client: sends messages, prints each echo", dev.twine.examples.udp.UdpEchoClient::main));
        add(new Program("multicast-ping", dev.twine.examples.udp.MulticastPing.USAGE,
                "multicast ping-pong: a server answers pings sent to a group", dev.twine.examples.udp.MulticastPing::main));
        add(new Program("info", "info", "which backends can run here, which native binding is in use, and why",
                Launcher::info));
    }

    private static void add(Program p) {
        PROGRAMS.put(p.name(), p);
    }

    private Launcher() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    /** Runs the program named by {@code argv[0]} and returns its exit status. */
    static int run(String[] argv) {
        configureLogging();
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            printPrograms();
            return argv.length == 0 ? 2 : 0;
        }
        Program p = PROGRAMS.get(argv[0]);
        if (p == null) {
            Out.err("twine-example: no such program: " + argv[0]);
            printPrograms();
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            Out.println("usage: " + p.usage());
            return 0;
        }
        try {
            return p.entry().run(rest);
        } catch (UsageException e) {
            Out.err("usage: " + p.usage());
            Out.err(p.name() + ": error: " + e.getMessage());
            return 2;
        } catch (CannotListenError | IOException | IllegalStateException e) {
            Out.err(p.name() + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            Out.err(p.name() + ": " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static void printPrograms() {
        Out.err("usage: twine-example NAME ARGS...   (choose a backend with -D" + Reactors.PROPERTY + "=NAME)");
        Out.err("programs:");
        for (Program p : PROGRAMS.values()) {
            Out.err(String.format("  %-20s %s", p.name(), p.summary()));
            Out.err(String.format("  %-20s   %s", "", p.usage()));
        }
    }

    /**
     * One line per log record on standard error, unless the user configured logging: the JDK's
     * default two-line format buries the programs' own output.
     */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
    }
}
