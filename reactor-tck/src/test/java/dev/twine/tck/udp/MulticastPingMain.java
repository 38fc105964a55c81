package dev.twine.tck.udp;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IMulticastTransport;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child side of {@link MulticastTest}, run inside a private network namespace whose loopback carries
 * multicast. Twisted's multicast ping: a server joined to the group answers "Pong" to every "Ping" sent to
 * the group; a client sends one ping to the group and waits for the answer. Arguments: backend, group.
 *
 * <p>Prints {@code RESULT <events>} and {@code OPTIONS ttl=<n> loopback=<b> interface=<addr>} (the
 * client's options after it set them), then exits.
 */
public final class MulticastPingMain {
    private MulticastPingMain() {
    }

    public static void main(String[] args) {
        IReactor reactor = Reactors.newReactor(args[0]);
        String group = args[1];
        List<String> events = new ArrayList<>();
        reactor.callWhenRunning(() -> {
            IMulticastTransport server = reactor.listenMulticast(0, new DatagramProtocol() {
                @Override
                public void datagramReceived(byte[] data, IAddress addr) {
                    events.add("server got " + new String(data, StandardCharsets.US_ASCII));
                    transport.write("Pong".getBytes(StandardCharsets.US_ASCII), addr);
                }
            }, "", 8192, true);
            int port = server.getHost().port();
            IMulticastTransport[] client = new IMulticastTransport[1];
            client[0] = reactor.listenMulticast(0, new DatagramProtocol() {
                @Override
                public void datagramReceived(byte[] data, IAddress addr) {
                    events.add("client got " + new String(data, StandardCharsets.US_ASCII));
                    server.leaveGroup(group).addBoth(x -> server.stopListening())
                            .addBoth(x -> client[0].stopListening())
                            .addBoth(x -> {
                                reactor.stop();
                                return null;
                            });
                }
            }, "", 8192, false);
            client[0].setTTL(2);
            client[0].setLoopbackMode(true);
            client[0].setOutgoingInterface("127.0.0.1");
            System.out.println("OPTIONS ttl=" + client[0].getTTL() + " loopback=" + client[0].getLoopbackMode()
                    + " interface=" + client[0].getOutgoingInterface());
            server.joinGroup(group).addCallback(x -> {
                events.add("joined");
                client[0].write("Ping".getBytes(StandardCharsets.US_ASCII),
                        new dev.twine.internet.IPv4Address("UDP", group, port));
                return null;
            }).addErrback(f -> {
                events.add("join failed " + f.value());
                reactor.stop();
                return null;
            });
        });
        reactor.callLater(20, reactor::stop);
        reactor.run();
        System.out.println("RESULT " + events);
        System.out.flush();
    }
}
