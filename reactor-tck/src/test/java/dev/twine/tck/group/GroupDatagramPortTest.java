package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.LOOPBACK;
import static dev.twine.tck.group.GroupFixtures.PATIENCE;
import static dev.twine.tck.group.GroupFixtures.SOCKET_TIMEOUT_MILLIS;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.group.GroupDatagramPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.group.GroupFixtures.OwnerThread;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A group's one UDP port (semantics.md §5.2): every member serves it where the kernel balances datagrams by
 * sender (else member 0 alone), one sender's datagrams stay on one member, each protocol runs on its own
 * member's thread, and {@code stopListening}, a failed bind and the group's shutdown act on every member's
 * socket.
 */
class GroupDatagramPortTest {
    private static final int MEMBERS = 2;
    /** Senders enough that a by-sender hash leaves no member without one, but with probability 2^-39. */
    private static final int SENDERS = 40;

    /**
     * Answers every datagram with the name of its thread, and records callbacks that ran off the thread of
     * its first datagram. {@code startProtocol} is left out of that check: on a port bound before the group
     * started it runs on the thread that called {@code listenUDP}, as a factory's {@code doStart} does.
     */
    private static final class ThreadEcho extends DatagramProtocol {
        private final OwnerThread owner;
        private final Map<String, Integer> perThread;
        private final List<String> stoppedOn;
        final List<String> startedOn = new CopyOnWriteArrayList<>();

        ThreadEcho(List<String> violations, Map<String, Integer> perThread, List<String> stoppedOn) {
            this.owner = new OwnerThread(violations);
            this.perThread = perThread;
            this.stoppedOn = stoppedOn;
        }

        private void check(String callback) {
            owner.check(callback);
        }

        @Override
        public void startProtocol() {
            startedOn.add(Thread.currentThread().getName());
        }

        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            check("datagramReceived");
            String me = Thread.currentThread().getName();
            perThread.merge(me, 1, Integer::sum);
            transport.write(me.getBytes(StandardCharsets.US_ASCII), addr);
        }

        @Override
        public void stopProtocol() {
            check("stopProtocol");
            stoppedOn.add(Thread.currentThread().getName());
        }
    }

    private static String ask(DatagramSocket client, int port, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(out, out.length, new InetSocketAddress(LOOPBACK, port)));
        DatagramPacket in = new DatagramPacket(new byte[256], 256);
        client.receive(in);
        return new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return s;
    }

    @ReactorTest
    void eachSenderStaysOnOneMemberAndEveryMemberServesWhereTheKernelBalances(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        List<String> violations = new CopyOnWriteArrayList<>();
        Map<String, Integer> perThread = new ConcurrentHashMap<>();
        List<String> stoppedOn = new CopyOnWriteArrayList<>();
        List<ThreadEcho> protocols = new CopyOnWriteArrayList<>();
        group.start();
        // Bound on a running group from a thread of the test's: each member starts its own protocol.
        GroupDatagramPort port = group.listenUDP(0, () -> {
            ThreadEcho p = new ThreadEcho(violations, perThread, stoppedOn);
            protocols.add(p);
            return p;
        }, LOOPBACK, 512);
        Set<String> servers = ConcurrentHashMap.newKeySet();
        List<DatagramSocket> clients = new ArrayList<>();
        try {
            int p = port.getHost().port();
            for (int i = 0; i < SENDERS; i++) {
                DatagramSocket c = client();
                clients.add(c);
                String first = ask(c, p, "which thread?");
                String second = ask(c, p, "and now?");
                assertEquals(first, second, "sender " + i + " was served by two members");
                servers.add(first);
            }
        } finally {
            clients.forEach(DatagramSocket::close);
            stopAndAwait(group);
        }
        if (port.balancedByKernel()) {
            assertEquals(MEMBERS, port.memberPorts().size());
            assertEquals(MEMBERS, servers.size(), "the kernel gave every sender to " + servers);
        } else {
            assertEquals(1, port.memberPorts().size(), "without kernel balancing member 0 alone binds");
            assertEquals(1, servers.size(), "member 0 alone serves, but " + servers + " did");
        }
        assertEquals(2 * SENDERS, perThread.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(), violations, "callbacks off their member's thread");
        for (ThreadEcho p : protocols) {
            // Every protocol served datagrams, so the threads that did are exactly the members' threads.
            assertEquals(1, p.startedOn.size());
            assertTrue(perThread.containsKey(p.startedOn.get(0)), "startProtocol ran on " + p.startedOn
                    + ", not on a member thread " + perThread.keySet());
        }
        assertEquals(port.memberPorts().size(), stoppedOn.size(), "every member's protocol stopped, on " + stoppedOn);
        port.whenClosed().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @ReactorTest
    void stopListeningClosesEveryMembersSocketSoTheAddressIsFreeAgain(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        List<String> violations = new CopyOnWriteArrayList<>();
        List<String> stoppedOn = new CopyOnWriteArrayList<>();
        GroupDatagramPort port = group.listenUDP(0,
                () -> new ThreadEcho(violations, new ConcurrentHashMap<>(), stoppedOn), LOOPBACK, 512);
        group.start();
        try {
            IAddress host = port.getHost();
            assertTrue(host.port() > 0, "port 0 became a real port: " + host);
            for (var memberPort : port.memberPorts()) {
                assertEquals(host.port(), memberPort.getHost().port(), "a member is bound elsewhere");
            }
            port.stopListening().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(port.memberPorts().size(), stoppedOn.size(), "stopProtocol ran on " + stoppedOn);
            assertEquals(host.port(), port.getHost().port(), "getHost() after stopListening is the last address");
            // Binding the address exclusively succeeds only if no member's socket is left on it.
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, host.port()))) {
                assertEquals(host.port(), again.getLocalPort());
            }
        } finally {
            stopAndAwait(group);
        }
        assertEquals(List.of(), violations);
    }

    @ReactorTest
    void anAddressInUseFailsTheWholeGroupPortAndLeavesNoMemberBound(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        List<String> stoppedOn = new CopyOnWriteArrayList<>();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            CannotListenError e = assertThrows(CannotListenError.class, () -> group.listenUDP(taken.getLocalPort(),
                    () -> new ThreadEcho(new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>(), stoppedOn),
                    LOOPBACK, 512));
            assertTrue(String.valueOf(e.getMessage()).contains(Integer.toString(taken.getLocalPort())), e.getMessage());
        } finally {
            group.start();
            stopAndAwait(group);
        }
        assertEquals(List.of(), stoppedOn, "no protocol was started, so none was stopped");
    }
}
