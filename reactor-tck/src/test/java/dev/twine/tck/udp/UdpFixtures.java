package dev.twine.tck.udp;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.tck.ReactorBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the UDP conformance rows share: protocols that echo or record. */
final class UdpFixtures {
    private UdpFixtures() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Sends every datagram back to its sender (Twisted's UDP echo example). */
    static final class Echo extends DatagramProtocol {
        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            transport.write(data, addr);
        }
    }

    /** Records its calls, in order, as strings; {@link #onDatagram} runs after each datagram is recorded. */
    static class Recorder extends DatagramProtocol {
        final List<String> events = new ArrayList<>();
        final List<IAddress> senders = new ArrayList<>();
        Runnable onDatagram = () -> { };
        Runnable onRefused = () -> { };

        @Override
        public void startProtocol() {
            events.add("startProtocol");
        }

        @Override
        public void stopProtocol() {
            events.add("stopProtocol");
        }

        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            events.add("datagram " + ascii(data));
            senders.add(addr);
            onDatagram.run();
        }

        @Override
        public void connectionRefused() {
            events.add("connectionRefused");
            onRefused.run();
        }

        long datagrams() {
            return events.stream().filter(e -> e.startsWith("datagram ")).count();
        }
    }
}
