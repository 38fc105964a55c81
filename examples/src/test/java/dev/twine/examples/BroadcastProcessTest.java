package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code broadcast-server} and {@code echo-client} as processes, on every backend, with the server on one
 * reactor and on a group of two ({@code --reactors 2}): a client must not be able to tell them apart.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BroadcastProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);

    static String greeting(int n) {
        return "欢迎来到 Twisted World, 您是第 " + n + " 个客户端用户!";
    }

    /** Every backend, with the server on one reactor and on a group of two. */
    static Stream<Arguments> backendsAndReactors() {
        return Backends.names().flatMap(b -> Stream.of(Arguments.of(b, "1"), Arguments.of(b, "2")));
    }

    private static ProgramProcess server(String reactor, String reactors, List<String> jvm) throws java.io.IOException {
        return ProgramProcess.twine(reactor, jvm, "broadcast-server", "--iface", "127.0.0.1", "--port", "0",
                "--reactors", reactors);
    }

    @ParameterizedTest(name = "{0}, --reactors {1}")
    @MethodSource("backendsAndReactors")
    void relaysBetweenThreeClientsNeverToTheSenderAndCloseDisconnects(String reactor, String reactors) throws Exception {
        try (ProgramProcess server = server(reactor, reactors, List.of())) {
            int port = server.awaitPort();
            // Connect one by one, each greeted before the next connects, so the numbering is deterministic
            // also when the connections land on different members of a group.
            try (Socket a = Net.connect(port, READ); Socket b = connectGreeted(port, a, 1);
                    Socket c = connectGreeted(port, b, 2)) {
                assertEquals(greeting(3), Net.readLine(c));
                server.awaitLine("^new connect: 3$", READ);

                Net.send(a, "hello from A, 你好");
                byte[] hello = "hello from A, 你好".getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(hello, Net.readExactly(b, hello.length));
                assertArrayEquals(hello, Net.readExactly(c, hello.length));
                server.awaitLine("^spreading message from 1 \\(127\\.0\\.0\\.1:\\d+\\): hello from A, 你好$", READ);

                // Had A received its own message, it would come before this one.
                Net.send(c, "reply from C");
                assertArrayEquals("reply from C".getBytes(StandardCharsets.UTF_8), Net.readExactly(a, 12));
                assertArrayEquals("reply from C".getBytes(StandardCharsets.UTF_8), Net.readExactly(b, 12));

                Net.send(b, "close");
                assertEquals(-1, b.getInputStream().read(), "the server closes the client that sent close");
                server.awaitLine("^lost connect: 2$", READ);
                assertTrue(Net.silentFor(a, Duration.ofMillis(500)), "close is not relayed");
                assertTrue(Net.silentFor(c, Duration.ofMillis(10)), "close is not relayed");

                Net.send(a, "still here");
                assertArrayEquals("still here".getBytes(StandardCharsets.UTF_8), Net.readExactly(c, 10));
            }
            server.awaitLine("^lost connect: 1$", READ);
            server.awaitLine("^lost connect: 3$", READ);
        }
    }

    /** Reads {@code previous}'s greeting {@code n}, then connects the next client. */
    private static Socket connectGreeted(int port, Socket previous, int n) throws java.io.IOException {
        assertEquals(greeting(n), Net.readLine(previous));
        return Net.connect(port, READ);
    }

    /**
     * A client that never reads is dropped once it is 4 MiB behind, while a reading client gets
     * every byte, in order; the server runs in small fixed memory limits throughout, so nothing may
     * pile up for the stuck client.
     */
    @ParameterizedTest(name = "{0}, --reactors {1}")
    @MethodSource("backendsAndReactors")
    void aClientThatNeverReadsNeitherStallsTheOthersNorGrowsTheServer(String reactor, String reactors) throws Exception {
        int total = 48 * 1024 * 1024;
        byte[] stream = new byte[total];
        new Random(7).nextBytes(stream);
        try (ProgramProcess server = server(reactor, reactors, List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"))) {
            int port = server.awaitPort();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Socket stuck = Net.connect(port, READ); Socket sender = connectGreeted(port, stuck, 1);
                    Socket reader = connectGreeted(port, sender, 2)) {
                stuck.setReceiveBufferSize(4096);
                assertEquals(greeting(3), Net.readLine(reader));
                Future<byte[]> received = pool.submit(() -> {
                    InputStream in = reader.getInputStream();
                    ByteArrayOutputStream got = new ByteArrayOutputStream(total);
                    byte[] buf = new byte[64 * 1024];
                    while (got.size() < total) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        got.write(buf, 0, n);
                    }
                    return got.toByteArray();
                });
                Future<?> sent = pool.submit(() -> {
                    OutputStream out = sender.getOutputStream();
                    for (int off = 0; off < total; off += 16 * 1024) {
                        out.write(stream, off, Math.min(16 * 1024, total - off));
                        if (off % (128 * 1024) == 0) {
                            // Pacing (at most about 25 MB/s), so that a loaded machine cannot leave the
                            // reading client the server's 4 MiB limit behind. At 50 MB/s, a CI run on two
                            // busy CPUs once did, with a group of two: the server rightly dropped the
                            // reader too ("client 3 is not reading").
                            Thread.sleep(5);
                        }
                    }
                    out.flush();
                    return null;
                });
                try {
                    sent.get(3, TimeUnit.MINUTES);
                    assertArrayEquals(stream, received.get(3, TimeUnit.MINUTES), "the reading client gets every byte in order");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(e.getCause() + "\n" + server.transcript(), e);
                }
                server.awaitLine("^client 1 is not reading", READ);
                server.awaitLine("^lost connect: 1$", READ);
                assertTrue(server.isAlive(), server.transcript());
                assertTrue(server.stdout().stream().noneMatch(l -> l.equals("lost connect: 3")), server.transcript());
                assertTrue(server.stderr().stream().noneMatch(l -> l.contains("OutOfMemoryError")), server.transcript());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}, --reactors {1}")
    @MethodSource("backendsAndReactors")
    void echoClientPrintsMessagesAndSaysHelloFiveSecondsLater(String reactor, String reactors) throws Exception {
        try (ProgramProcess server = server(reactor, reactors, List.of())) {
            int port = server.awaitPort();
            try (Socket peer = Net.connect(port, READ)) {
                assertEquals(greeting(1), Net.readLine(peer));
                try (ProgramProcess alice = ProgramProcess.twine(reactor, "echo-client", "alice", "--port",
                        Integer.toString(port))) {
                    alice.awaitLine("^got messages: " + greeting(2) + "$", READ);
                    long sentAt = System.nanoTime();
                    Net.send(peer, "ping");
                    alice.awaitLine("^got messages: ping$", READ);
                    String hello = new String(Net.readExactly(peer, "hello, I'm alice ".length() + 26), StandardCharsets.UTF_8);
                    double waited = (System.nanoTime() - sentAt) / 1e9;
                    assertTrue(hello.matches("hello, I'm alice \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), hello);
                    assertTrue(waited >= 4.5, "hello came after " + waited + " s, not 5");
                    // The hello answering the greeting also arrives, about 5 s after the greeting.
                    server.signal("TERM");
                    assertEquals(0, alice.awaitExit(READ), alice.transcript());
                    List<String> out = alice.stdout();
                    assertEquals("started to connect.", out.get(0));
                    assertEquals("Connected to the server!", out.get(1));
                    assertTrue(out.contains("Disconnected from the server!"), alice.transcript());
                    assertTrue(out.get(out.size() - 1).startsWith("Lost connection. Reason: "), alice.transcript());
                }
            }
            assertEquals(0, server.awaitExit(READ), server.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void echoClientReportsAFailedConnectionAndExits(String reactor) throws Exception {
        try (ProgramProcess alice = ProgramProcess.twine(reactor, "echo-client", "alice", "--port",
                Integer.toString(Examples.refusedPort()))) {
            assertEquals(0, alice.awaitExit(READ), alice.transcript());
            assertEquals("started to connect.", alice.stdout().get(0));
            assertTrue(alice.stdout().get(1).startsWith("Connection failed. Reason: "), alice.transcript());
        }
    }
}
