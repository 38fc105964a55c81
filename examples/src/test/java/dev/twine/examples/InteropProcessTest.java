package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Twine's programs against their Python counterparts on real Twisted (Debian's python3-twisted), on
 * every Twine backend: the same bytes on the wire, the same lines printed. Skipped, with the reason,
 * where python3-twisted is not installed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InteropProcessTest {
    private static final Duration RUN = Duration.ofMinutes(2);

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aTwistedPoetryClientDownloadsFromTwineServers(String reactor) throws Exception {
        Python.requireTwisted();
        try (ProgramProcess fast = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                        Examples.poem("mountain-river.zh.txt").toString());
                // Seven bytes at a time: chunks end inside multi-byte UTF-8 characters.
                ProgramProcess slow = ProgramProcess.twine(reactor, "slowpoetry", "--port", "0", "--num-bytes", "7",
                        "--delay", "0.01", Examples.poem("l-ete.fr.txt").toString())) {
            int refused = Examples.refusedPort();
            try (ProgramProcess client = ProgramProcess.command("get_poetry.py", Python.peer("get_poetry.py",
                    Integer.toString(fast.awaitPort()), Integer.toString(slow.awaitPort()), Integer.toString(refused)))) {
                assertEquals(0, client.awaitExit(RUN), client.transcript());
                List<String> out = client.stdout();
                assertTrue(out.contains("Task 1: " + Examples.poemBytes("mountain-river.zh.txt").length + " bytes of poetry"),
                        client.transcript());
                assertTrue(out.contains("Task 2: " + Examples.poemBytes("l-ete.fr.txt").length + " bytes of poetry"),
                        client.transcript());
                assertTrue(out.contains("Failed to connect to: IPv4Address(type='TCP', host='127.0.0.1', port="
                        + refused + ")"), client.transcript());
                assertTrue(out.stream().filter(l -> l.startsWith("Task 2: got ")).count() > 10, client.transcript());
                PoetryClientProcessTest.elapsedSeconds(client, 3);
            }
        }
    }

    /** Every Twine client prints the same summary lines as the Twisted client for the same servers. */
    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void twineClientsDownloadFromATwistedSlowServerAndAgreeWithTheTwistedClient(String reactor) throws Exception {
        Python.requireTwisted();
        try (ProgramProcess slow = ProgramProcess.command("slowpoetry.py", Python.peer("slowpoetry.py", "--port", "0",
                        "--num-bytes", "10", "--delay", "0.01", Examples.poem("mountain-river.zh.txt").toString()));
                ProgramProcess fast = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                        Examples.poem("science.txt").toString())) {
            String[] args = {Integer.toString(slow.awaitPort()), "127.0.0.1:" + Examples.refusedPort(),
                Integer.toString(fast.awaitPort())};
            List<String> reference;
            try (ProgramProcess twisted = ProgramProcess.command("get_poetry.py", Python.peer("get_poetry.py", args))) {
                assertEquals(0, twisted.awaitExit(RUN), twisted.transcript());
                reference = summary(twisted.stdout());
            }
            assertEquals(4, reference.size(), String.join("\n", reference));
            assertTrue(reference.contains("Task 1: " + Examples.poemBytes("mountain-river.zh.txt").length + " bytes of poetry"));
            for (String client : PoetryClientProcessTest.CLIENTS) {
                try (ProgramProcess twine = ProgramProcess.twine(reactor, client, args)) {
                    assertEquals(0, twine.awaitExit(RUN), twine.transcript());
                    assertEquals(reference, summary(twine.stdout()), client);
                    PoetryClientProcessTest.elapsedSeconds(twine, 3);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void twistedAndTwineBroadcastClientsTalkThroughTheTwineServer(String reactor) throws Exception {
        Python.requireTwisted();
        try (ProgramProcess server = ProgramProcess.twine(reactor, "broadcast-server", "--iface", "127.0.0.1", "--port", "0")) {
            String port = Integer.toString(server.awaitPort());
            try (ProgramProcess py = ProgramProcess.command("broadcast_client.py",
                    Python.peer("broadcast_client.py", "py", "--port", port, "--delay", "0.5"))) {
                py.awaitLine("^got messages: " + BroadcastProcessTest.greeting(1) + "$", RUN);
                try (ProgramProcess tw = ProgramProcess.twine(reactor, "echo-client", "tw", "--port", port)) {
                    tw.awaitLine("^got messages: " + BroadcastProcessTest.greeting(2) + "$", RUN);
                    // Python's hellos are scheduled with callLater(0.5) after each message it gets; Twine's
                    // come 5 s after each message, as in the tutorial.
                    tw.awaitLine("^got messages: hello, I'm py \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+$", RUN);
                    py.awaitLine("^got messages: hello, I'm tw \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$", RUN);
                    server.awaitLine("^spreading message from 1 \\(127\\.0\\.0\\.1:\\d+\\): hello, I'm py ", RUN);
                    server.awaitLine("^spreading message from 2 \\(127\\.0\\.0\\.1:\\d+\\): hello, I'm tw ", RUN);
                    server.signal("TERM");
                    assertEquals(0, server.awaitExit(RUN), server.transcript());
                    assertEquals(0, tw.awaitExit(RUN), tw.transcript());
                    assertEquals(0, py.awaitExit(RUN), py.transcript());
                    assertTrue(tw.stdout().contains("Disconnected from the server!"), tw.transcript());
                    assertTrue(py.stdout().contains("Disconnected from the server!"), py.transcript());
                    assertTrue(py.stdout().get(py.stdout().size() - 1).startsWith("Lost connection. Reason:"), py.transcript());
                }
            }
        }
    }

    /** The lines that do not depend on timing or chunking: per-poem sizes and connection failures. */
    private static List<String> summary(List<String> out) {
        return out.stream()
                .filter(l -> l.matches("^Task \\d+: \\d+ bytes of poetry$") || l.startsWith("Failed to connect to: ")
                        || l.startsWith("Got "))
                .map(l -> l.startsWith("Got ") ? l.replaceAll(" in .*$", "") : l)
                .sorted()
                .toList();
    }
}
