package dev.twine.tck.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Surviving descriptor exhaustion (semantics.md §1.5 accept errors; Twisted #10425, PR #996): a server that has no
 * descriptor left closes the clients that are waiting instead of leaving them hanging (and instead of
 * spinning on a listening socket that stays readable), and accepts normally once descriptors are free.
 *
 * <p>The server runs in a child JVM ({@link EmfileServerMain}) under {@code prlimit --nofile=256:256}
 * (without {@code prlimit} it fills its ordinary limit, which is bounded), so this JVM keeps its
 * descriptors. The clients are plain blocking sockets in this JVM.
 */
class TcpEmfileTest {
    private static final double PATIENCE = 60;
    private static final int PENDING_CLIENTS = 5;

    @ReactorTest
    void aServerOutOfDescriptorsClosesPendingClientsAndAcceptsAgainAfterwards(ReactorBuilder builder) throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux")
                || System.getProperty("os.name", "").startsWith("Mac"),
                "descriptor exhaustion is tested where descriptors are a small per-process table (POSIX)");
        String prlimit = ChildJvm.which("prlimit");
        List<String> wrapper = prlimit == null ? List.of() : List.of(prlimit, "--nofile=256:256");
        try (ChildJvm child = ChildJvm.start(wrapper, EmfileServerMain.class, builder.backendName())) {
            int port = Integer.parseInt(child.expect("PORT ", PATIENCE).substring(5));
            InetAddress loopback = InetAddress.getByName(TcpFixtures.LOOPBACK);

            // Warm up: the whole accept, read, write and close path runs once before the table is full.
            assertEchoes(loopback, port, "warm-up");
            // The server must have closed the warm-up connection before the table fills: closing it
            // later would free a descriptor and let one waiting client in normally.
            awaitLost(child, 1);

            child.send("FILL");
            String full = child.expect("FULL ", PATIENCE);
            assertTrue(Integer.parseInt(full.substring(5)) > 0, full);

            List<String> outcomes = new ArrayList<>();
            List<Socket> pending = new ArrayList<>();
            try {
                for (int i = 0; i < PENDING_CLIENTS; i++) {
                    // The kernel completes the handshake; only accept() fails in the server.
                    pending.add(new Socket(loopback, port));
                }
                for (Socket s : pending) {
                    outcomes.add(outcomeOf(s));
                }
            } finally {
                for (Socket s : pending) {
                    s.close();
                }
            }
            // A JVM thread of the server (the JIT reading cgroup files, say) may hold a descriptor for a
            // moment while FILL runs and free it afterwards; the server then accepts one client normally,
            // which is right. What must never happen is a client left waiting.
            long served = outcomes.stream().filter("served"::equals).count();
            assertTrue(outcomes.stream().allMatch(o -> o.equals("closed") || o.equals("served"))
                    && outcomes.contains("closed"),
                    () -> "every client waiting while the server was out of descriptors was closed (or served"
                            + " once a descriptor was free), none left hanging: " + outcomes + "; server log:\n"
                            + child.stderr());

            child.send("RELEASE");
            child.expect("RELEASED", PATIENCE);
            assertEchoes(loopback, port, "after recovery");

            child.send("STOP");
            String stopped = child.expect("STOPPED ", PATIENCE);
            assertEquals(0, child.waitFor(PATIENCE), child.stderr());
            long echoClients = 2 + served;
            assertEquals("STOPPED accepted=" + echoClients + " lost=" + echoClients, stopped,
                    "only the echo clients ever reached the factory; the shed ones never did");
            String log = child.stderr();
            assertTrue(log.contains("EMFILE encountered; releasing reserved file descriptor."), log);
            assertTrue(log.contains("re-reserved the recovery file descriptor"), log);
        }
    }

    /** Asks the child until its server has seen {@code n} connections end (bounded). */
    private static void awaitLost(ChildJvm child, int n) throws Exception {
        String want = "COUNT accepted=" + n + " lost=" + n;
        String last = null;
        for (int i = 0; i < 600 && !want.equals(last); i++) {
            if (i > 0) {
                Thread.sleep(50);
            }
            child.send("COUNT");
            last = child.expect("COUNT ", PATIENCE);
        }
        assertEquals(want, last);
    }

    /** Connects, sends {@code text}, expects it back, closes. */
    private static void assertEchoes(InetAddress host, int port, String text) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout((int) (PATIENCE * 1000));
            byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
            OutputStream out = s.getOutputStream();
            out.write(sent);
            out.flush();
            byte[] back = s.getInputStream().readNBytes(sent.length);
            assertArrayEquals(sent, back, "echo of '" + text + "'");
        }
    }

    /**
     * Sends one byte and reads: "closed" when the server closes the socket (EOF or reset), "served" when it
     * echoes the byte (it accepted the client normally), "hanging" when neither happens within the patience.
     */
    private static String outcomeOf(Socket s) throws IOException {
        s.setSoTimeout((int) (PATIENCE * 1000));
        InputStream in = s.getInputStream();
        try {
            s.getOutputStream().write('?');
            return in.read() == '?' ? "served" : "closed";
        } catch (SocketTimeoutException e) {
            return "hanging";
        } catch (IOException reset) {
            return "closed";
        }
    }
}
