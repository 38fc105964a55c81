package dev.twine.tck.udp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.hasIpv6Loopback;
import static dev.twine.tck.udp.UdpFixtures.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.error.InvalidAddressError;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.udp.UdpFixtures.Echo;
import dev.twine.tck.udp.UdpFixtures.Recorder;
import dev.twine.testfixtures.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;

/** UDP ports on every backend: {@code listenUDP}, echo, connected UDP, stopping, batches (semantics.md §7). */
class UdpPortTest {

    @ReactorTest
    void aDatagramIsEchoedBackToItsSenderWithUdpAddressesOnBothSides(ReactorBuilder builder) {
        echoRoundTrip(builder, LOOPBACK);
    }

    @ReactorTest
    void anIpv6PortEchoesAndReportsIpv6Addresses(ReactorBuilder builder) {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback here");
        echoRoundTrip(builder, "::1");
    }

    private static void echoRoundTrip(ReactorBuilder builder, String host) {
        IReactor reactor = builder.buildReactor();
        Recorder client = new Recorder();
        IUDPTransport[] ports = new IUDPTransport[2];
        builder.needsRunningReactor(reactor, () -> {
            ports[0] = reactor.listenUDP(0, new Echo(), host, 8192);
            ports[1] = reactor.listenUDP(0, client, host, 8192);
            client.onDatagram = () -> Deferred.gatherResults(List.of(ports[0].stopListening(), ports[1].stopListening()))
                    .addBoth(x -> {
                        reactor.stop();
                        return null;
                    });
            ports[1].write(ascii("hello"), ports[0].getHost());
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startProtocol", "datagram hello", "stopProtocol"), client.events);
        assertEquals(ports[0].getHost(), client.senders.get(0));
        if (host.contains(":")) {
            assertEquals(new IPv6Address("UDP", "::1", ports[0].getHost().port()), ports[0].getHost());
        } else {
            assertEquals(new IPv4Address("UDP", LOOPBACK, ports[0].getHost().port()), ports[0].getHost());
        }
        assertTrue(ports[0].getHost().port() > 0);
    }

    @ReactorTest
    void aConnectedPortHearsConnectionRefusedWhenNobodyListensAndKeepsWorking(ReactorBuilder builder) throws Exception {
        int nobody;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0))) {
            nobody = gone.getLocalPort();
        }
        IReactor reactor = builder.buildReactor();
        Recorder client = new Recorder();
        IUDPTransport[] port = new IUDPTransport[1];
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUDP(0, client, LOOPBACK, 8192);
            port[0].connect(LOOPBACK, nobody);
            assertThrows(IllegalStateException.class, () -> port[0].connect(LOOPBACK, nobody));
            boolean[] stopping = {false};
            IDelayedCall[] retry = new IDelayedCall[1];
            client.onRefused = () -> {
                if (!stopping[0]) {
                    stopping[0] = true;
                    if (retry[0] != null && retry[0].active()) {
                        retry[0].cancel();
                    }
                    port[0].stopListening().addBoth(x -> {
                        reactor.stop();
                        return null;
                    });
                }
            };
            // The refusal of the first datagram is reported by the next call on the socket: the read
            // readiness it raises, or the second write, whichever comes first (udp(7)).
            port[0].write(ascii("anyone?"));
            retry[0] = reactor.callLater(0.05, () -> {
                if (!stopping[0]) {
                    port[0].write(ascii("anyone?"));
                }
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals("startProtocol", client.events.get(0));
        assertEquals("connectionRefused", client.events.get(1));
        assertEquals("stopProtocol", client.events.get(client.events.size() - 1));
    }

    @ReactorTest
    void stopListeningClosesOnALaterIterationThenStopsTheProtocolAndFreesThePortNumber(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder protocol = new Recorder();
        List<String> order = new ArrayList<>();
        int[] number = new int[1];
        builder.needsRunningReactor(reactor, () -> {
            IUDPTransport port = reactor.listenUDP(0, protocol, LOOPBACK, 8192);
            number[0] = port.getHost().port();
            Deferred<Void> stopped = port.stopListening();
            order.add("returned, fired=" + stopped.called() + ", events=" + protocol.events);
            stopped.addCallback(x -> {
                order.add("fired, events=" + protocol.events);
                IUDPTransport again = reactor.listenUDP(number[0], new Recorder(), LOOPBACK, 8192);
                order.add("rebound=" + (again.getHost().port() == number[0]));
                again.stopListening().addBoth(y -> {
                    reactor.stop();
                    return null;
                });
                return null;
            });
        });
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertTrue(log.messages(Level.INFO).contains("(UDP Port " + number[0] + " Closed)"), log.messages(Level.INFO).toString());
        }
        assertEquals(List.of("returned, fired=false, events=[startProtocol]",
                "fired, events=[startProtocol, stopProtocol]", "rebound=true"), order);
    }

    /**
     * The socket is closed, not merely stopped, once the Deferred fires, even after the poller has watched it:
     * the JDK's selector defers closing a registered channel to its next selection, so a port that had
     * received once still held its address when its Deferred fired on the select backend.
     */
    @ReactorTest
    void aPortThatHasReceivedHasFreedItsAddressWhenStopListeningFires(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Recorder protocol = new Recorder();
        List<String> order = new ArrayList<>();
        IUDPTransport[] port = new IUDPTransport[1];
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            protocol.onDatagram = () -> port[0].stopListening().addCallback(x -> {
                int number = port[0].getHost().port();
                // A socket that shares nothing may bind the address only if no socket is left on it.
                try (DatagramSocket exclusive = new DatagramSocket(new InetSocketAddress(LOOPBACK, number))) {
                    order.add("free=" + (exclusive.getLocalPort() == number));
                } catch (IOException e) {
                    order.add("free=false: " + e);
                }
                reactor.stop();
                return null;
            });
            builder.needsRunningReactor(reactor, () -> {
                port[0] = reactor.listenUDP(0, protocol, LOOPBACK, 8192);
                byte[] ping = ascii("ping");
                try {
                    sender.send(new DatagramPacket(ping, ping.length, new InetSocketAddress(LOOPBACK,
                            port[0].getHost().port())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            builder.runReactor(reactor, TIMEOUT);
        }
        assertEquals(List.of("startProtocol", "datagram ping", "stopProtocol"), protocol.events);
        assertEquals(List.of("free=true"), order);
    }

    @ReactorTest
    void aProtocolAlreadyOnAPortIsRefusedASecondPortAndStopsWithTheFirst(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder protocol = new Recorder();
        List<String> order = new ArrayList<>();
        builder.needsRunningReactor(reactor, () -> {
            IUDPTransport first = reactor.listenUDP(0, protocol, LOOPBACK, 8192);
            // Twisted's makeConnection asserts the protocol has no transport yet; the refused port must
            // leave nothing open (the harness checks for leaked sockets).
            assertThrows(IllegalStateException.class, () -> reactor.listenUDP(0, protocol, LOOPBACK, 8192));
            order.add("numPorts=" + protocol.numPorts());
            first.stopListening().addBoth(x -> {
                order.add("numPorts=" + protocol.numPorts());
                reactor.stop();
                return null;
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("numPorts=1", "numPorts=0"), order);
        assertEquals(List.of("startProtocol", "stopProtocol"), protocol.events);
    }

    @ReactorTest
    void queuedDatagramsAreAllDeliveredInOrderAcrossBoundedReadPasses(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Recorder protocol = new Recorder();
        int count = 150;
        IUDPTransport[] port = new IUDPTransport[1];
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUDP(0, protocol, LOOPBACK, 8192);
            protocol.onDatagram = () -> {
                if (protocol.datagrams() == count) {
                    port[0].stopListening().addBoth(x -> {
                        reactor.stop();
                        return null;
                    });
                }
            };
            try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0))) {
                InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(LOOPBACK), port[0].getHost().port());
                for (int i = 0; i < count; i++) {
                    byte[] b = ascii(Integer.toString(i));
                    sender.send(new DatagramPacket(b, b.length, target));
                }
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        builder.runReactor(reactor, TIMEOUT);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("datagram " + i);
        }
        assertEquals(expected, protocol.events.subList(1, count + 1));
    }

    @ReactorTest
    void aDatagramLongerThanMaxPacketSizeArrivesTruncated(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder small = new Recorder();
        builder.needsRunningReactor(reactor, () -> {
            IUDPTransport receiver = reactor.listenUDP(0, small, LOOPBACK, 4);
            IUDPTransport sender = reactor.listenUDP(0, new Recorder(), LOOPBACK, 8192);
            small.onDatagram = () -> Deferred.gatherResults(List.of(receiver.stopListening(), sender.stopListening()))
                    .addBoth(x -> {
                        reactor.stop();
                        return null;
                    });
            sender.write(ascii("0123456789"), receiver.getHost());
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals("datagram 0123", small.events.get(1));
    }

    @ReactorTest
    void anExceptionFromDatagramReceivedIsLoggedAndThePortKeepsReading(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder protocol = new Recorder();
        builder.needsRunningReactor(reactor, () -> {
            IUDPTransport receiver = reactor.listenUDP(0, protocol, LOOPBACK, 8192);
            IUDPTransport sender = reactor.listenUDP(0, new Recorder(), LOOPBACK, 8192);
            protocol.onDatagram = () -> {
                if (protocol.datagrams() == 1) {
                    throw new IllegalStateException("boom in datagramReceived");
                }
                Deferred.gatherResults(List.of(receiver.stopListening(), sender.stopListening())).addBoth(x -> {
                    reactor.stop();
                    return null;
                });
            };
            sender.write(ascii("first"), receiver.getHost());
            sender.write(ascii("second"), receiver.getHost());
        });
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(1, log.containing("exception in datagramReceived").size());
        }
        assertEquals(List.of("startProtocol", "datagram first", "datagram second", "stopProtocol"), protocol.events);
    }

    @ReactorTest
    void writingToAHostNameOrWithoutATargetIsAnInvalidAddressError(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        List<String> outcomes = new ArrayList<>();
        builder.needsRunningReactor(reactor, () -> {
            IUDPTransport port = reactor.listenUDP(0, new Recorder(), LOOPBACK, 8192);
            outcomes.add(assertThrows(InvalidAddressError.class,
                    () -> port.write(ascii("x"), new IPv4Address("UDP", "localhost", 9))).getClass().getSimpleName());
            outcomes.add(assertThrows(InvalidAddressError.class, () -> port.write(ascii("x"))).getClass().getSimpleName());
            outcomes.add(assertThrows(InvalidAddressError.class, () -> port.connect("localhost", 9)).getClass().getSimpleName());
            assertFalse(port.droppedDatagrams() > 0);
            port.stopListening().addBoth(x -> {
                reactor.stop();
                return null;
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("InvalidAddressError", "InvalidAddressError", "InvalidAddressError"), outcomes);
    }

    /**
     * One port writing to peers on two loopback addresses in turn, with a refused host name between: every
     * datagram reaches the address it was written to (Port remembers the last target host it parsed; a new
     * host, and a bad one, must still be parsed and judged afresh).
     */
    @ReactorTest
    void writesAlternatingBetweenTwoHostsEachReachTheirOwnHost(ReactorBuilder builder) throws Exception {
        DatagramSocket second;
        try {
            second = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        } catch (java.net.BindException e) {
            Assumptions.abort("127.0.0.2 is not a loopback address here (only Linux routes all of 127/8): " + e);
            return;
        }
        try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
             second) {
            first.setSoTimeout((int) (TIMEOUT * 1000));
            second.setSoTimeout((int) (TIMEOUT * 1000));
            IReactor reactor = builder.buildReactor();
            List<String> refused = new ArrayList<>();
            builder.needsRunningReactor(reactor, () -> {
                IUDPTransport port = reactor.listenUDP(0, new Recorder(), "", 8192);
                IPv4Address a = new IPv4Address("UDP", LOOPBACK, first.getLocalPort());
                IPv4Address b = new IPv4Address("UDP", "127.0.0.2", second.getLocalPort());
                port.write(ascii("a1"), a);
                port.write(ascii("b1"), b);
                port.write(ascii("a2"), a);
                refused.add(assertThrows(InvalidAddressError.class,
                        () -> port.write(ascii("x"), new IPv4Address("UDP", "localhost", first.getLocalPort())))
                        .getClass().getSimpleName());
                port.write(ascii("b2"), b);
                port.stopListening().addBoth(x -> {
                    reactor.stop();
                    return null;
                });
            });
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of("InvalidAddressError"), refused);
            assertEquals(List.of("a1", "a2"), List.of(receive(first), receive(first)));
            assertEquals(List.of("b1", "b2"), List.of(receive(second), receive(second)));
        }
    }

    private static String receive(DatagramSocket socket) throws java.io.IOException {
        DatagramPacket p = new DatagramPacket(new byte[64], 64);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
