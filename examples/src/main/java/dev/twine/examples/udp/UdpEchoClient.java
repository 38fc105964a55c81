package dev.twine.examples.udp;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.Reactors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code udp-echo-client [--host HOST] --port PORT [--wait SECONDS] [MESSAGE ...]}: Twisted's connected-UDP
 * echo client. It binds an ephemeral port, {@code connect}s it to the server (semantics.md §7.4), sends each
 * message (default {@code hello}) as one datagram and prints {@code "echo MESSAGE"} for each that comes back.
 *
 * <p>Exit status: 0 once every message has come back; 1 if the server's port refused (the ICMP
 * port-unreachable reaches {@link DatagramProtocol#connectionRefused}, printed as {@code "No one listening"}
 * as in Twisted's example) or if {@code --wait} seconds (default 20) pass first. UDP may lose a datagram;
 * on loopback that does not happen without load, which is why a timeout, not a retry, is the policy here.
 */
public final class UdpEchoClient {
    public static final String USAGE = "udp-echo-client [--host HOST] --port PORT [--wait SECONDS] [MESSAGE ...]";

    private UdpEchoClient() {
    }

    /** What the client ended with; decides the exit status. */
    private enum Outcome { WAITING, ALL_ECHOED, REFUSED, TIMED_OUT }

    /** Sends the messages once started and ticks them off as they come back. Runs on the reactor thread. */
    private static final class Client extends DatagramProtocol {
        private final String host;
        private final int port;
        private final List<String> waiting;
        private final IReactor reactor;
        private Outcome outcome = Outcome.WAITING;

        Client(String host, int port, List<String> messages, IReactor reactor) {
            this.host = host;
            this.port = port;
            this.waiting = new ArrayList<>(messages);
            this.reactor = reactor;
        }

        @Override
        public void startProtocol() {
            transport.connect(host, port);
            for (String m : List.copyOf(waiting)) {
                transport.write(m.getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            String text = new String(data, StandardCharsets.UTF_8);
            Out.println("echo " + text);
            waiting.remove(text);
            if (waiting.isEmpty()) {
                finish(Outcome.ALL_ECHOED);
            }
        }

        @Override
        public void connectionRefused() {
            Out.println("No one listening");
            finish(Outcome.REFUSED);
        }

        void finish(Outcome how) {
            if (outcome == Outcome.WAITING) {
                outcome = how;
                reactor.stop();
            }
        }
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of("--host", "--port", "--wait"));
        if (!args.has("--port")) {
            throw new UsageException("--port is required");
        }
        List<String> messages = args.positional().isEmpty() ? List.of("hello") : args.positional();
        IReactor reactor = Reactors.reactor();
        Client client = new Client(args.string("--host", "127.0.0.1"), args.port("--port", 0), messages, reactor);
        reactor.listenUDP(0, client, "", IReactorUDP.DEFAULT_MAX_PACKET_SIZE);
        reactor.callLater(args.seconds("--wait", 20), () -> {
            Out.println("Timed out waiting for " + client.waiting);
            client.finish(Outcome.TIMED_OUT);
        });
        ShutdownSignals.install(reactor);
        reactor.run();
        return client.outcome == Outcome.ALL_ECHOED ? 0 : 1;
    }
}
