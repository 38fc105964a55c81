package dev.twine.examples.udp;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.Reactors;
import java.util.List;
import java.util.Set;

/**
 * {@code udp-echo-server [--iface HOST] --port PORT}: Twisted's UDP echo example. Every datagram goes back to
 * its sender unchanged. Prints {@code "UDP echo server on <address>."} once bound (port 0 picks one).
 */
public final class UdpEchoServer {
    public static final String USAGE = "udp-echo-server [--iface HOST] --port PORT";

    private UdpEchoServer() {
    }

    /** Sends each datagram back where it came from. */
    static final class Echo extends DatagramProtocol {
        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            transport.write(data, addr);
        }
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of("--iface", "--port"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected arguments: " + args.positional());
        }
        if (!args.has("--port")) {
            throw new UsageException("--port is required (0 picks a free one)");
        }
        IReactor reactor = Reactors.reactor();
        IUDPTransport port = reactor.listenUDP(args.port("--port", 0), new Echo(), args.string("--iface", ""),
                IReactorUDP.DEFAULT_MAX_PACKET_SIZE);
        Out.println("UDP echo server on " + port.getHost() + ".");
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
