package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.LOOPBACK;
import static dev.twine.tck.group.GroupFixtures.PATIENCE;
import static dev.twine.tck.group.GroupFixtures.connect;
import static dev.twine.tck.group.GroupFixtures.exchange;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.Protocol;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.internet.group.ThreadSafeFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.group.GroupFixtures.ThreadReporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A group's one port (semantics.md §5.2, §5.3): every member serves it, connections spread over the
 * members, each connection's callbacks stay on its member's thread, {@code getHost} and
 * {@code stopListening} act on the port as a whole, and factories are started and stopped per group port.
 */
class GroupPortTest {
    private static final int MEMBERS = 2;
    /**
     * Enough clients that the kernel's hash (SO_REUSEPORT) puts some on each of two sockets with a
     * probability of 1 - 2^-39; round robin (hand-off) needs only two.
     */
    private static final int CLIENTS = 40;

    @ReactorTest
    void everyMemberServesTheOnePortAndEachConnectionStaysOnItsOwnerThread(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        Map<String, Integer> perThread = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        GroupPort port = group.listenTCP(0, () -> Factory.forProtocol(() -> new ThreadReporter(group, perThread,
                violations)), 50, LOOPBACK);
        group.start();
        Set<String> memberThreads = ConcurrentHashMap.newKeySet();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = connect(port.getHost().port());
                clients.add(s);
                // Twice: the second answer must come from the same thread as the first.
                String first = exchange(s, "which thread?");
                String second = exchange(s, "and now?");
                assertEquals(first, second, "client " + i + " was served by two threads");
                memberThreads.add(first);
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            stopAndAwait(group);
        }
        assertEquals(MEMBERS, memberThreads.size(), "connections went to " + memberThreads + " ("
                + (port.balancedByKernel() ? "kernel-balanced" : "hand-off") + ")");
        assertEquals(CLIENTS, perThread.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(), violations, "callbacks off their owner's thread");
    }

    @ReactorTest
    void getHostIsTheSameAddressOnEveryMemberAndStopListeningClosesItForAll(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        GroupPort port = group.listenTCP(0, () -> Factory.forProtocol(Protocol::new), 50, LOOPBACK);
        group.start();
        try {
            IAddress host = port.getHost();
            assertTrue(host.port() > 0, "port 0 became a real port: " + host);
            for (var memberPort : port.memberPorts()) {
                assertEquals(host.port(), memberPort.getHost().port(), "a member listens elsewhere");
            }
            port.stopListening().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(host.port(), port.getHost().port(), "getHost() after stopListening is the last address");
            assertThrows(ConnectException.class, () -> connect(host.port()).close(),
                    "a connection was accepted after stopListening on every member");
        } finally {
            stopAndAwait(group);
        }
    }

    /** Counts doStart/doStop, as Twisted's Factory counts numPorts. */
    private static class CountingFactory extends Factory {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final Set<String> startThreads = ConcurrentHashMap.newKeySet();

        CountingFactory() {
            super(Protocol::new);
        }

        @Override
        public void startFactory() {
            starts.incrementAndGet();
            startThreads.add(Thread.currentThread().getName());
        }

        @Override
        public void stopFactory() {
            stops.incrementAndGet();
        }
    }

    @ThreadSafeFactory
    private static final class SharedCountingFactory extends CountingFactory {
        @Override
        public IProtocol buildProtocol(IAddress addr) {
            return super.buildProtocol(addr);
        }
    }

    @ReactorTest
    void aFactoryPerMemberIsStartedAndStoppedOnceOnItsOwnMember(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        List<CountingFactory> made = new CopyOnWriteArrayList<>();
        group.start();
        GroupPort port;
        try {
            // Listening on a running group, from a thread of our own: each member starts its factory.
            port = group.listenTCP(0, () -> {
                CountingFactory f = new CountingFactory();
                made.add(f);
                return f;
            }, 50, LOOPBACK);
            port.stopListening().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            stopAndAwait(group);
        }
        assertEquals(MEMBERS, made.size(), "the supplier is called once per member");
        Set<String> threads = new java.util.TreeSet<>();
        for (CountingFactory f : made) {
            assertEquals(1, f.starts.get(), "doStart per member factory");
            assertEquals(1, f.stops.get(), "doStop per member factory");
            threads.addAll(f.startThreads);
        }
        assertEquals(MEMBERS, threads.size(), "each factory started on its own member: " + threads);
    }

    @ReactorTest
    void aSharedThreadSafeFactoryIsStartedAndStoppedOncePerGroupPort(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        SharedCountingFactory shared = new SharedCountingFactory();
        GroupPort first = group.listenTCP(0, shared, 50, LOOPBACK);
        GroupPort second = group.listenTCP(0, shared, 50, LOOPBACK);
        group.start();
        try {
            assertEquals(1, shared.starts.get(), "startFactory once, for the first of its ports (numPorts)");
            first.stopListening().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, shared.stops.get(), "stopFactory waits for the factory's last port");
            second.stopListening().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1, shared.stops.get(), "stopFactory once the last group port closed");
        } finally {
            stopAndAwait(group);
        }
    }

    @ReactorTest
    void aSharedFactoryWhoseClassIsNotDeclaredThreadSafeIsRefused(ReactorBuilder b) {
        try (ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> group.listenTCP(0, new CountingFactory(), 50, LOOPBACK));
            assertTrue(e.getMessage().contains("ThreadSafeFactory"), e.getMessage());
        }
    }

    @ReactorTest
    void theGroupPortClosesWhenTheGroupStops(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        List<CountingFactory> made = new CopyOnWriteArrayList<>();
        GroupPort port = group.listenTCP(0, () -> {
            CountingFactory f = new CountingFactory();
            made.add(f);
            return f;
        }, 50, LOOPBACK);
        group.start();
        stopAndAwait(group);
        port.whenClosed().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(1, 1), made.stream().map(f -> f.stops.get()).collect(Collectors.toList()),
                "every member factory stopped at shutdown");
        assertThrows(IOException.class, () -> connect(port.getHost().port()).close());
    }

    @ReactorTest
    void aPortInUseFailsForTheWholeGroupAndLeavesNoFactoryRunning(ReactorBuilder b) throws Exception {
        List<CountingFactory> made = new CopyOnWriteArrayList<>();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName(LOOPBACK));
                ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS)) {
            assertThrows(dev.twine.internet.error.CannotListenError.class, () -> group.listenTCP(taken.getLocalPort(),
                    () -> {
                        CountingFactory f = new CountingFactory();
                        made.add(f);
                        return f;
                    }, 50, LOOPBACK));
        }
        assertEquals(MEMBERS, made.size());
        for (CountingFactory f : made) {
            assertEquals(f.starts.get(), f.stops.get(), "every factory started was stopped again");
        }
    }
}
