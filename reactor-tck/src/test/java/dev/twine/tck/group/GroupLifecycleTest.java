package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.LOOPBACK;
import static dev.twine.tck.group.GroupFixtures.PATIENCE;
import static dev.twine.tck.group.GroupFixtures.connect;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.Protocol;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A group's life cycle (semantics.md §5.1): Twisted's system events and shutdown sequence on every member,
 * {@code connectionLost(ConnectionLost)} for every connection of every member on stop, and
 * {@code callFromThread} to a chosen member.
 */
class GroupLifecycleTest {
    private static final int MEMBERS = 2;

    @ReactorTest
    void everyMemberFiresStartupAndShutdownOnItsOwnThread(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        List<String> events = new CopyOnWriteArrayList<>();
        for (String event : List.of("startup", "shutdown")) {
            for (Phase phase : Phase.values()) {
                group.addSystemEventTrigger(phase, event,
                        () -> events.add(Thread.currentThread().getName() + " " + event + " " + phase));
            }
        }
        group.start();
        stopAndAwait(group);
        Map<String, List<String>> perThread = new TreeMap<>();
        for (String e : events) {
            String[] parts = e.split(" ", 2);
            perThread.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        assertEquals(MEMBERS, perThread.size(), "each member fires its own events: " + perThread);
        List<String> expected = List.of("startup BEFORE", "startup DURING", "startup AFTER", "shutdown BEFORE",
                "shutdown DURING", "shutdown AFTER");
        for (List<String> seen : perThread.values()) {
            assertEquals(expected, seen);
        }
        for (ReactorBase m : group.members()) {
            assertFalse(m.running(), m + " still running after the group ended");
        }
    }

    @ReactorTest
    void stopGivesEveryConnectionOnEveryMemberConnectionLost(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        Map<String, String> lost = new ConcurrentHashMap<>();
        Set<String> servers = ConcurrentHashMap.newKeySet();
        // As in GroupPortTest: enough that a kernel hash leaves no member without a connection.
        int clients = 40;
        CountDownLatch made = new CountDownLatch(clients);
        GroupPort port = group.listenTCP(0, () -> Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                servers.add(Thread.currentThread().getName());
                made.countDown();
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.put(Thread.currentThread().getName() + "#" + System.identityHashCode(this),
                        reason.value().getClass().getSimpleName());
            }
        }), 50, LOOPBACK);
        group.start();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                open.add(connect(port.getHost().port()));
            }
            assertTrue(made.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "not every client was served");
            stopAndAwait(group);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        assertEquals(MEMBERS, servers.size(), "clients spread over " + servers);
        assertEquals(clients, lost.size(), "connectionLost once per connection: " + lost);
        for (String why : lost.values()) {
            assertEquals(ConnectionLost.class.getSimpleName(), why);
        }
    }

    @ReactorTest
    void callFromThreadRunsOnTheChosenMember(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        group.start();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                ReactorBase target = group.member(i);
                CountDownLatch ran = new CountDownLatch(1);
                boolean[] onTarget = {false};
                ReactorBase[] current = {null};
                group.callFromThread(i, () -> {
                    onTarget[0] = target.isInIOThread();
                    current[0] = group.currentMember();
                    ran.countDown();
                });
                assertTrue(ran.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "member " + i + " never ran the call");
                assertTrue(onTarget[0], "the call ran off member " + i);
                assertEquals(target, current[0]);
            }
        } finally {
            stopAndAwait(group);
        }
    }

    @ReactorTest
    void clientConnectionsRunOnTheMemberChosenRoundRobin(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        GroupPort port = group.listenTCP(0, () -> Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        }), 50, LOOPBACK);
        group.start();
        Set<String> clientThreads = ConcurrentHashMap.newKeySet();
        List<String> violations = new CopyOnWriteArrayList<>();
        CountDownLatch echoed = new CountDownLatch(MEMBERS * 2);
        try {
            for (int i = 0; i < MEMBERS * 2; i++) {
                ClientFactory f = new ClientFactory(() -> new Protocol() {
                    private Thread owner;

                    @Override
                    public void connectionMade() {
                        owner = Thread.currentThread();
                        clientThreads.add(owner.getName());
                        transport.write(new byte[] {'x'});
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                        if (Thread.currentThread() != owner) {
                            violations.add("dataReceived on " + Thread.currentThread().getName());
                        }
                        transport.loseConnection();
                        echoed.countDown();
                    }
                });
                group.connectTCP(LOOPBACK, port.getHost().port(), f, 30).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            assertTrue(echoed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "not every client got its echo");
        } finally {
            stopAndAwait(group);
        }
        assertEquals(MEMBERS, clientThreads.size(), "clients ran on " + clientThreads);
        assertEquals(List.of(), violations);
    }
}
