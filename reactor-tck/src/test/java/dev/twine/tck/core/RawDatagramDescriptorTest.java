package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw-descriptor level ({@code addReader}/{@code addWriter}, semantics.md §1.4) with datagram sockets
 * of each backend (issue 16: "the raw-descriptor level works for datagram sockets too"). The peer is the
 * JDK's blocking {@link DatagramSocket} on 127.0.0.1, so only the reactor side is the backend under test.
 */
class RawDatagramDescriptorTest {
    private static final int TIMEOUT = 30;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @ReactorTest
    void aReaderOnADatagramSocketIsCalledUntilEveryQueuedDatagramIsRead(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        DatagramSocketHandle socket = reactor.sockets().openDatagram(StandardProtocolFamily.INET);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress target = socket.localAddress();
            for (int i = 0; i < 5; i++) {
                byte[] d = ("d" + i).getBytes(StandardCharsets.US_ASCII);
                peer.send(new DatagramPacket(d, d.length, target));
            }
            List<String> got = new ArrayList<>();
            List<Integer> senderPorts = new ArrayList<>();
            ProbeDescriptor reader = new ProbeDescriptor("datagram-reader", socket);
            ByteBuffer buf = ByteBuffer.allocate(64);
            reader.onRead = () -> {
                // One datagram per call: level-triggered readiness must bring the reader back for the rest.
                buf.clear();
                InetSocketAddress from = socket.receive(buf);
                if (from != null) {
                    got.add(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
                    senderPorts.add(from.getPort());
                }
                if (got.size() == 5) {
                    reactor.removeReader(reader);
                    reactor.stop();
                }
                return null;
            };
            reactor.addReader(reader);
            b.runReactor(reactor, TIMEOUT);
            assertEquals(List.of("d0", "d1", "d2", "d3", "d4"), got, "loopback UDP keeps order and loses nothing");
            assertEquals(List.of(peer.getLocalPort()), senderPorts.stream().distinct().toList(),
                    "each datagram names its sender");
            assertTrue(reader.reads >= 5, "one call per datagram at least, got " + reader.reads);
        } finally {
            socket.close();
        }
    }

    @ReactorTest
    void aWriterOnADatagramSocketIsCalledWhileWritableAndItsDatagramsArrive(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        DatagramSocketHandle socket = reactor.sockets().openDatagram(StandardProtocolFamily.INET);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, peer.getLocalPort());
            ProbeDescriptor writer = new ProbeDescriptor("datagram-writer", socket);
            writer.onWrite = () -> {
                // One datagram per call, then the writer leaves: an empty UDP send buffer is always writable.
                byte[] d = ("w" + writer.writes).getBytes(StandardCharsets.US_ASCII);
                assertTrue(socket.send(ByteBuffer.wrap(d), to), "an idle socket's send buffer has room");
                if (writer.writes == 3) {
                    reactor.removeWriter(writer);
                    reactor.stop();
                }
                return null;
            };
            reactor.addWriter(writer);
            b.runReactor(reactor, TIMEOUT);
            assertEquals(3, writer.writes);
            List<String> received = new ArrayList<>();
            byte[] in = new byte[64];
            for (int i = 0; i < 3; i++) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                peer.receive(p);
                received.add(new String(in, 0, p.getLength(), StandardCharsets.US_ASCII));
                assertEquals(socket.localAddress().getPort(), p.getPort(), "sent from the registered socket");
            }
            assertEquals(List.of("w1", "w2", "w3"), received);
        } finally {
            socket.close();
        }
    }
}
