package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kv-server} (Int32StringReceiver, TimeoutMixin) and {@code kv-client} (ReconnectingClientFactory,
 * task.react) as processes, on every backend.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KvProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern VALUE = Pattern.compile("^< VALUE (\\d+)$");

    private static void send(Socket s, String command) throws IOException {
        byte[] b = command.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(b.length);
        out.write(b);
        out.flush();
    }

    private static String reply(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int n = in.readInt();
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** The values the client has read back so far, in order. */
    private static List<Integer> values(ProgramProcess client) {
        return client.stdout().stream().map(VALUE::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }

    /** Waits until {@code client} printed at least {@code n} lines starting with {@code prefix}. */
    private static void awaitCount(ProgramProcess client, String prefix, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.stdout().stream().filter(l -> l.startsWith(prefix)).count() < n) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + n + " '" + prefix + "' lines\n" + client.transcript());
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void theClientWritesAndReadsBackItsCounterThenExitsWithZero(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "kv-server", "--port", "0");
                ProgramProcess client = ProgramProcess.twine(reactor, "kv-client", "--port",
                        Integer.toString(server.awaitPort()), "--interval", "0.1", "--count", "3", "counter")) {
            assertEquals(0, client.awaitExit(WAIT), client.transcript());
            assertEquals(List.of(1, 2, 3), values(client), client.transcript());
            assertTrue(client.stdout().get(0).startsWith("Connected to IPv4Address("), client.transcript());
            assertTrue(client.stdout().contains("> SET counter 3"), client.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void theClientKeepsWorkingWhileTheServerIsRestarted(String reactor) throws Exception {
        ProgramProcess first = ProgramProcess.twine(reactor, "kv-server", "--port", "0");
        int port = first.awaitPort();
        try (ProgramProcess client = ProgramProcess.twine(reactor, "kv-client", "--port", Integer.toString(port),
                "--interval", "0.1", "--max-delay", "0.5", "counter")) {
            awaitCount(client, "< VALUE ", 2);
            first.close();
            client.awaitLine("^Connection lost, reconnecting: ", WAIT);
            int before = values(client).size();
            try (ProgramProcess second = ProgramProcess.twine(reactor, "kv-server", "--port", Integer.toString(port))) {
                second.awaitPort();
                awaitCount(client, "Connected to ", 2);
                awaitCount(client, "< VALUE ", before + 2);
                List<Integer> values = values(client);
                for (int i = 1; i < values.size(); i++) {
                    assertTrue(values.get(i) > values.get(i - 1), "the counter goes on rising across the restart: "
                            + values + "\n" + client.transcript());
                }
                client.signal("TERM");
                assertEquals(0, client.awaitExit(WAIT), client.transcript());
                assertTrue(client.stdout().stream().filter(l -> l.startsWith("Connection lost")).count() == 1,
                        "a shutdown is not a reason to reconnect\n" + client.transcript());
            }
        } finally {
            first.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void anIdleClientIsDisconnectedAndAnActiveOneIsNot(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "kv-server", "--port", "0", "--timeout", "0.5");
                Socket idle = Net.connect(server.awaitPort(), WAIT);
                Socket active = Net.connect(server.awaitPort(), WAIT)) {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                send(active, "SET k " + i);
                assertEquals("OK", reply(active));
                Thread.sleep(200);
            }
            // 2 s of activity, four idle periods: the active client is still served.
            send(active, "GET k");
            assertEquals("VALUE 9", reply(active));
            assertEquals(-1, idle.getInputStream().read(), "the idle client was disconnected");
            assertTrue(System.nanoTime() - start < WAIT.toNanos());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void anOversizeFrameClosesOnlyThatConnection(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "kv-server", "--port", "0");
                Socket bad = Net.connect(server.awaitPort(), WAIT);
                Socket good = Net.connect(server.awaitPort(), WAIT)) {
            new DataOutputStream(bad.getOutputStream()).writeInt(Integer.MAX_VALUE);
            try {
                assertEquals(-1, bad.getInputStream().read(), "the connection that broke the framing is closed");
            } catch (SocketTimeoutException e) {
                throw new AssertionError("still open after " + WAIT, e);
            }
            send(good, "SET a b");
            assertEquals("OK", reply(good));
            // The Failure naming the cause is logged (standard error is read by another thread: wait for it).
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (server.stderr().stream().noneMatch(l -> l.contains("announced length 2147483647 exceeds MAX_LENGTH 65536"))) {
                assertTrue(System.nanoTime() < deadline, server.transcript());
                Thread.sleep(20);
            }
        }
    }
}
