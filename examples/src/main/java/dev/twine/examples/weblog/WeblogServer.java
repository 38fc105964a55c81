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
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactors;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.task.LoopingCall;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code weblog-server [--iface HOST] --port PORT LOGFILE}: streams an Apache access log to every client
 * as XML.
 *
 * <p>At start it skips what the log already holds. Every {@value #READ_INTERVAL} second it reads the new
 * lines (see {@link LogTail}) into the last {@value HitLog#CAPACITY} hits. A client is sent
 * {@code <hits>} when it connects, and every {@value #PUSH_INTERVAL} seconds the hits it has not been
 * sent yet, one {@code <hit .../>} line each (see {@link AccessLogRecord}); its first push therefore
 * brings up to the last 100 hits. Both timers are {@link LoopingCall}s.
 */
public final class WeblogServer {
    public static final String USAGE = "weblog-server [--iface HOST] [--port PORT] LOGFILE";

    static final double READ_INTERVAL = 1.0;
    static final double PUSH_INTERVAL = 5.0;

    private static final System.Logger LOG = System.getLogger(WeblogServer.class.getName());

    private WeblogServer() {
    }

    /** One client: remembers the last hit it was sent. */
    static final class HitsProtocol extends Protocol {
        private final Set<HitsProtocol> clients;
        long lastSent;

        HitsProtocol(Set<HitsProtocol> clients) {
            this.clients = clients;
        }

        @Override
        public void connectionMade() {
            clients.add(this);
            transport.write("<hits>\n".getBytes(StandardCharsets.UTF_8));
        }

        /** Sends the hits newer than the last push, if any. */
        void push(HitLog log) {
            List<HitLog.Hit> fresh = log.after(lastSent);
            if (fresh.isEmpty()) {
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (HitLog.Hit h : fresh) {
                sb.append(h.record().toXml());
            }
            transport.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            lastSent = fresh.get(fresh.size() - 1).sequence();
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            clients.remove(this);
        }
    }

    public static int main(List<String> argv) throws UsageException, IOException {
        Args args = Args.parse(argv, Set.of("--iface", "--port"));
        Path logFile = Path.of(args.single("log file"));
        int port = args.port("--port", 0);
        String iface = args.string("--iface", "");

        IReactor reactor = Reactors.reactor();
        HitLog hits = new HitLog();
        LogTail tail = new LogTail(logFile);
        tail.seekToEnd();
        Set<HitsProtocol> clients = new LinkedHashSet<>();

        ServerFactory factory = new ServerFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                HitsProtocol p = new HitsProtocol(clients);
                p.factory = this;
                return p;
            }
        };
        factory.noisy = false;
        IListeningPort listening = reactor.listenTCP(port, factory, Servers.BACKLOG, iface);

        LoopingCall reader = new LoopingCall(reactor, () -> readLog(reactor, tail, hits));
        LoopingCall pusher = new LoopingCall(reactor, () -> {
            for (HitsProtocol c : List.copyOf(clients)) {
                c.push(hits);
            }
        });
        reactor.callWhenRunning(() -> {
            reader.start(READ_INTERVAL);
            pusher.start(PUSH_INTERVAL, false);
        });
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
