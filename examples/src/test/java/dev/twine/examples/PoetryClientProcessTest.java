package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three poetry clients ({@code get-poetry-raw}, {@code get-poetry}, {@code get-poetry-deferred}) as
 * processes against Twine servers, on every backend: the tutorial's slow-server scenario, a refused port,
 * a server that resets, and many downloads at once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoetryClientProcessTest {
    static final List<String> CLIENTS = List.of("get-poetry-raw", "get-poetry", "get-poetry-deferred");
    private static final Duration RUN = Duration.ofMinutes(2);
    private static final Pattern GOT = Pattern.compile("^Got (\\d+) poems in (\\d+):(\\d\\d):(\\d\\d)\\.(\\d{6})$");

    /**
     * The tutorial's scenario: three slow servers (the first sending 30 bytes at a time, the others 10,
     * every 0.1 s). Served one after another the poems would take about 28 s; downloaded concurrently
     * they take as long as the slowest alone, about 10.3 s, which is also what the tutorial reports.
     */
    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void threeSlowServersAreDownloadedConcurrentlyNotOneAfterAnother(String reactor) throws Exception {
        String[][] poems = {{"ecstasy.txt", "30"}, {"fascination.txt", "10"}, {"science.txt", "10"}};
        List<ProgramProcess> servers = new ArrayList<>();
        List<ProgramProcess> clients = new ArrayList<>();
        try {
            double slowest = 0;
            double sequential = 0;
            String[] ports = new String[3];
            for (int i = 0; i < 3; i++) {
                ProgramProcess s = ProgramProcess.twine(reactor, "slowpoetry", "--port", "0",
                        "--num-bytes", poems[i][1], Examples.poem(poems[i][0]).toString());
                servers.add(s);
                double seconds = Math.ceil(Examples.poemBytes(poems[i][0]).length / Double.parseDouble(poems[i][1])) * 0.1;
                slowest = Math.max(slowest, seconds);
                sequential += seconds;
            }
            for (int i = 0; i < 3; i++) {
                ports[i] = Integer.toString(servers.get(i).awaitPort());
            }
            // All three clients at once: the servers serve every connection concurrently too.
            for (String client : CLIENTS) {
                clients.add(ProgramProcess.twine(reactor, client, ports));
            }
            for (ProgramProcess c : clients) {
                assertEquals(0, c.awaitExit(RUN), c.transcript());
                for (int i = 0; i < 3; i++) {
                    int size = Examples.poemBytes(poems[i][0]).length;
                    assertTrue(c.stdout().contains("Task " + (i + 1) + ": " + size + " bytes of poetry"), c.transcript());
                }
                long chunks = c.stdout().stream().filter(l -> l.startsWith("Task 1: got ")).count();
                assertTrue(chunks > 10, "the slow server's poem arrived in " + chunks + " chunks\n" + c.transcript());
                double elapsed = elapsedSeconds(c, 3);
                assertTrue(elapsed >= slowest * 0.9, c + " took " + elapsed + " s, less than the slowest poem needs");
                assertTrue(elapsed < sequential * 0.7, c + " took " + elapsed + " s; one after another takes "
                        + sequential + " s\n" + c.transcript());
            }
        } finally {
            clients.forEach(ProgramProcess::close);
            servers.forEach(ProgramProcess::close);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aRefusedPortAmongLiveOnesIsReportedAndTheOthersComplete(String reactor) throws Exception {
        try (ProgramProcess zh = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                        Examples.poem("mountain-river.zh.txt").toString());
                ProgramProcess fr = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                        Examples.poem("l-ete.fr.txt").toString())) {
            int refused = Examples.refusedPort();
            String[] args = {Integer.toString(zh.awaitPort()), "127.0.0.1:" + refused, Integer.toString(fr.awaitPort())};
            for (String client : CLIENTS) {
                try (ProgramProcess c = ProgramProcess.twine(reactor, client, args)) {
                    assertEquals(0, c.awaitExit(RUN), c.transcript());
                    List<String> out = c.stdout();
                    assertTrue(out.contains("Failed to connect to: IPv4Address(type='TCP', host='127.0.0.1', port="
                            + refused + ")"), c.transcript());
                    assertTrue(out.contains("Task 1: " + Examples.poemBytes("mountain-river.zh.txt").length
                            + " bytes of poetry"), c.transcript());
                    assertTrue(out.contains("Task 3: " + Examples.poemBytes("l-ete.fr.txt").length
                            + " bytes of poetry"), c.transcript());
                    assertTrue(out.stream().noneMatch(l -> l.startsWith("Task 2: ")), c.transcript());
                    // The tutorial prints len(addresses): three addresses, so "Got 3 poems" with one refused.
                    elapsedSeconds(c, 3);
                }
            }
        }
    }

    /** A server that sends part of a poem and then resets: that task fails, the others complete. */
    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aServerResettingMidPoemFailsOnlyThatTask(String reactor) throws Exception {
        try (ProgramProcess good = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                        Examples.poem("science.txt").toString());
                ServerSocket resetting = new ServerSocket()) {
            resetting.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread t = new Thread(() -> serveThenReset(resetting, CLIENTS.size()), "resetting server");
            t.setDaemon(true);
            t.start();
            String[] args = {Integer.toString(resetting.getLocalPort()), Integer.toString(good.awaitPort())};
            for (String client : CLIENTS) {
                try (ProgramProcess c = ProgramProcess.twine(reactor, client, args)) {
                    assertEquals(0, c.awaitExit(RUN), c.transcript());
                    c.awaitLine("^Task 1: got \\d+ bytes of poetry from 127\\.0\\.0\\.1:" + resetting.getLocalPort(), RUN);
                    c.awaitLine("^Task 1: poem failed: ", RUN);
                    assertTrue(c.stdout().contains("Task 2: " + Examples.poemBytes("science.txt").length
                            + " bytes of poetry"), c.transcript());
                    elapsedSeconds(c, 2);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void manyDownloadsFromOneServerAllArriveWhole(String reactor) throws Exception {
        int size = Examples.poemBytes("mountain-river.zh.txt").length;
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                Examples.poem("mountain-river.zh.txt").toString())) {
            String port = Integer.toString(server.awaitPort());
            String[] args = new String[300];
            java.util.Arrays.fill(args, port);
            for (String client : CLIENTS) {
                try (ProgramProcess c = ProgramProcess.twine(reactor, client, args)) {
                    assertEquals(0, c.awaitExit(RUN), c.transcript());
                    for (int task = 1; task <= args.length; task++) {
                        assertTrue(c.stdout().contains("Task " + task + ": " + size + " bytes of poetry"),
                                client + " task " + task);
                    }
                    elapsedSeconds(c, args.length);
                }
            }
        }
    }

    /**
     * Checks the closing line, {@code Got N poems in H:MM:SS.ffffff} with N the number of addresses given,
     * and returns the elapsed time it states, in seconds.
     */
    static double elapsedSeconds(ProgramProcess c, int addresses) {
        List<String> out = c.stdout();
        String last = out.isEmpty() ? "" : out.get(out.size() - 1);
        Matcher m = GOT.matcher(last);
        assertTrue(m.matches(), "last line is not 'Got K poems in H:MM:SS.ffffff'\n" + c.transcript());
        assertEquals(addresses, Integer.parseInt(m.group(1)), c.transcript());
        return Integer.parseInt(m.group(2)) * 3600 + Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4))
                + Integer.parseInt(m.group(5)) / 1e6;
    }

    private static void serveThenReset(ServerSocket server, int connections) {
        for (int i = 0; i < connections; i++) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("Half a poem, and then".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(200);
                Net.reset(s);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
