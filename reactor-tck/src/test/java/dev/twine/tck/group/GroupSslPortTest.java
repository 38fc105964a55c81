package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.LOOPBACK;
import static dev.twine.tck.group.GroupFixtures.SOCKET_TIMEOUT_MILLIS;
import static dev.twine.tck.group.GroupFixtures.exchange;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.internet.Factory;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.group.GroupFixtures.ThreadReporter;
import dev.twine.testfixtures.TestCertificates;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A group's TLS port (semantics.md §4.10, §5.2): {@code ReactorGroup.listenSSL} shares one port as
 * {@code listenTCP} does, every member runs the handshakes of its own connections, and each connection's
 * callbacks stay on its member's thread. The clients are the JDK's own {@code SSLSocket}s, trusting only the
 * test CA.
 */
class GroupSslPortTest {
    private static final int MEMBERS = 2;
    /** As in {@link GroupPortTest}: enough that the kernel's hash reaches both sockets but for 2^-39. */
    private static final int CLIENTS = 40;

    @ReactorTest
    void everyMemberServesTlsOnTheOnePortAndEachConnectionStaysOnItsOwnerThread(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        Map<String, Integer> perThread = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        GroupPort port = group.listenSSL(0, () -> Factory.forProtocol(() -> new ThreadReporter(group, perThread,
                violations)), CertificateOptions.forServer(TestCertificates.get().server()), 50, LOOPBACK);
        group.start();
        SSLContext context = TestCertificates.get().clientContext();
        Set<String> memberThreads = ConcurrentHashMap.newKeySet();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        List<SSLSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
                clients.add(s);
                s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                s.connect(new InetSocketAddress(LOOPBACK, port.getHost().port()), SOCKET_TIMEOUT_MILLIS);
                String first = exchange(s, "which thread?");
                String second = exchange(s, "and now?");
                assertEquals(first, second, "client " + i + " was served by two threads");
                memberThreads.add(first);
                versions.add(s.getSession().getProtocol());
            }
        } finally {
            for (SSLSocket s : clients) {
                s.close();
            }
            stopAndAwait(group);
        }
        assertEquals(Set.of("TLSv1.3"), versions, "every connection ran TLS 1.3");
        assertEquals(MEMBERS, memberThreads.size(), "connections went to " + memberThreads + " ("
                + (port.balancedByKernel() ? "kernel-balanced" : "hand-off") + ")");
        assertEquals(CLIENTS, perThread.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(), violations, "callbacks off their owner's thread");
    }
}
