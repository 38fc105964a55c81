package dev.twine.examples.udp;

import dev.twine.examples.Args;
import dev.twine.examples.Out;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.UsageException;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IMulticastTransport;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.Reactors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code multicast-ping server|client [--group ADDR] [--port PORT] [--iface HOST]}: Twisted's multicast
 * ping-pong example. The server joins the group (default 228.0.0.5) on the port (default 9999; several
 * servers may share it) and answers {@code "Pong"} to every {@code "Ping"}; the client sends one
 * {@code "Ping"} to the group, prints {@code "Pong from HOST:PORT"} for each answer, and exits after
 * {@code --wait} seconds (default 2).
 */
public final class MulticastPing {
    public static final String USAGE = "multicast-ping server|client [--group ADDR] [--port PORT] [--iface HOST] [--wait SECONDS]";

    private static final byte[] PING = "Ping".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "Pong".getBytes(StandardCharsets.US_ASCII);

    private MulticastPing() {
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of("--group", "--port", "--iface", "--wait"));
        String role = args.single("server or client");
        String group = args.string("--group", "228.0.0.5");
        int port = args.port("--port", 9999);
        String iface = args.string("--iface", "");
        IReactor reactor = Reactors.reactor();
        if (role.equals("server")) {
            IMulticastTransport server = reactor.listenMulticast(port, new DatagramProtocol() {
                @Override
                public void datagramReceived(byte[] data, IAddress addr) {
                    if (new String(data, StandardCharsets.US_ASCII).equals("Ping")) {
                        transport.write(PONG, addr);
                    }
                }
            }, "", IReactorUDP.DEFAULT_MAX_PACKET_SIZE, true);
            server.joinGroup(group, iface).addCallbacks(x -> {
                Out.println("Multicast ping server on " + server.getHost() + ", group " + group + ".");
                return null;
            }, f -> {
                Out.println("Cannot join " + group + ": " + f.value().getMessage());
                reactor.stop();
                return null;
            });
        } else if (role.equals("client")) {
            IMulticastTransport client = reactor.listenMulticast(0, new DatagramProtocol() {
                @Override
                public void datagramReceived(byte[] data, IAddress addr) {
                    Out.println(new String(data, StandardCharsets.US_ASCII) + " from " + addr.host() + ":" + addr.port());
                }
            }, "", IReactorUDP.DEFAULT_MAX_PACKET_SIZE, false);
            if (!iface.isEmpty()) {
                client.setOutgoingInterface(iface);
            }
            client.write(PING, new IPv4Address("UDP", group, port));
            reactor.callLater(args.seconds("--wait", 2), reactor::stop);
        } else {
            throw new UsageException("the role is server or client, not " + role);
        }
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
