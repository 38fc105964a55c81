package dev.twine.examples.weblog;

import dev.twine.defer.Failure;
import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.Servers;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactors;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.task.LoopingCall;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code weblog-server [--listen DESCRIPTION | [--iface HOST] --port PORT] LOGFILE}: streams an Apache access log to every client
 * as XML, following the tutorial's listing 4.
 *
 * <p>At start it skips what the log already holds. Every {@value #READ_INTERVAL} second a
 * {@link LoopingCall} reads the new lines (see {@link LogTail}) into the last {@value HitLog#CAPACITY}
 * hits. Each client's protocol writes {@code <hits>} when it connects and then pushes on its own timer
 * from its own connection time (see {@link ClientPushes}): at once, then every
 * {@value ClientPushes#PUSH_INTERVAL} seconds, each push carrying only the hits read since that client's
 * previous push, one {@code <hit .../>} line each (see {@link AccessLogRecord}).
 */
public final class WeblogServer {
    public static final String USAGE = "weblog-server [--listen DESCRIPTION | [--iface HOST] [--port PORT]] LOGFILE";

    static final double READ_INTERVAL = 1.0;

    private static final System.Logger LOG = System.getLogger(WeblogServer.class.getName());

    private WeblogServer() {
    }

    /** One client: its own pushes, started in connectionMade and stopped when it goes. */
    static final class HitsProtocol extends Protocol {
        private final IReactorTime clock;
        private final HitLog log;
        private ClientPushes pushes;

        HitsProtocol(IReactorTime clock, HitLog log) {
            this.clock = clock;
            this.log = log;
        }

        @Override
        public void connectionMade() {
            transport.write("<hits>\n".getBytes(StandardCharsets.UTF_8));
            pushes = new ClientPushes(clock, log, transport::write);
            pushes.start();
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            if (pushes != null) {
                pushes.stop();
            }
        }
    }

    public static int main(List<String> argv) throws UsageException, IOException {
        Args args = Args.parse(argv, Set.of(Servers.LISTEN, "--iface", "--port"));
        Path logFile = Path.of(args.single("log file"));

        IReactor reactor = Reactors.reactor();
        HitLog hits = new HitLog();
        LogTail tail = new LogTail(logFile);
        tail.seekToEnd();

        ServerFactory factory = new ServerFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                HitsProtocol p = new HitsProtocol(reactor, hits);
                p.factory = this;
                return p;
            }
        };
        factory.noisy = false;
        IListeningPort listening = Servers.listen(reactor, args, factory, "", 0);

        LoopingCall reader = new LoopingCall(reactor, () -> readLog(reactor, tail, hits));
        reactor.callWhenRunning(() -> reader.start(READ_INTERVAL));
        Out.println("Serving hits from " + logFile + " on " + listening.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }

    private static void readLog(IReactor reactor, LogTail tail, HitLog hits) {
        List<String> lines;
        try {
            lines = tail.readNewLines();
        } catch (IOException e) {
            // A log that is briefly unreadable (rotation, permissions) must not stop the server.
            LOG.log(Level.WARNING, "Cannot read the log: {0}", e.toString());
            return;
        }
        double now = reactor.seconds();
        for (String line : lines) {
            if (!line.isBlank()) {
                hits.add(AccessLogRecord.parse(line), now);
            }
        }
    }
}
