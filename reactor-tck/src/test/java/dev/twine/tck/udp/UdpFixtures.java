package dev.twine.tck.udp;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the UDP conformance rows share: protocols that echo or record. Public for the UNIX datagram rows
 * ({@code dev.twine.tck.unix}), whose ports are the same datagram port.
 */
public final class UdpFixtures {
    private UdpFixtures() {
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Sends every datagram back to its sender (Twisted's UDP echo example). */
    public static final class Echo extends DatagramProtocol {
        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            transport.write(data, addr);
        }
    }

    /** Records its calls, in order, as strings; {@link #onDatagram} runs after each datagram is recorded. */
    public static class Recorder extends DatagramProtocol {
        public final List<String> events = new ArrayList<>();
        public final List<IAddress> senders = new ArrayList<>();
        public Runnable onDatagram = () -> { };
        public Runnable onRefused = () -> { };

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

        public long datagrams() {
            return events.stream().filter(e -> e.startsWith("datagram ")).count();
        }
    }
}
