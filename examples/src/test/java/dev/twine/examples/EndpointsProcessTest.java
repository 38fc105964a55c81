package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Endpoint descriptions on the examples' command lines, as processes: {@code poetry-server --listen}, as
 * {@code twistd --listen} takes it, and the poetry clients given {@code tcp:} client descriptions, on every
 * backend; bad descriptions are usage errors.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndpointsProcessTest {
    private static final Duration RUN = Duration.ofMinutes(2);

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void poetryServerListensOnADescriptionAndClientsConnectThroughDescriptions(String reactor) throws Exception {
        byte[] poem = Examples.poemBytes("l-ete.fr.txt");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--listen",
                "tcp:0:interface=127.0.0.1", Examples.poem("l-ete.fr.txt").toString())) {
            int port = server.awaitPort();
            try (Socket s = Net.connect(port, RUN)) {
                assertArrayEquals(poem, Net.readToEnd(s), "the exact bytes of the file");
            }
            int refused = Examples.refusedPort();
            String[] args = {"tcp:127.0.0.1:" + port, "tcp:host=127.0.0.1:port=" + refused, "127.0.0.1:" + port};
            for (String client : PoetryClientProcessTest.CLIENTS) {
                try (ProgramProcess c = ProgramProcess.twine(reactor, client, args)) {
                    assertEquals(0, c.awaitExit(RUN), c.transcript());
                    List<String> out = c.stdout();
                    assertTrue(out.contains("Task 1: " + poem.length + " bytes of poetry"), c.transcript());
                    assertTrue(out.contains("Failed to connect to: IPv4Address(type='TCP', host='127.0.0.1', port="
                            + refused + ")"), c.transcript());
                    assertTrue(out.contains("Task 3: " + poem.length + " bytes of poetry"), c.transcript());
                }
            }
            assertTrue(server.isAlive(), server.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void kvClientConnectsThroughADescriptionUnderClientService(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "kv-server", "--listen", "tcp:0:interface=127.0.0.1");
                ProgramProcess client = ProgramProcess.twine(reactor, "kv-client", "--connect",
                        "tcp:127.0.0.1:" + server.awaitPort(), "--interval", "0.05", "--count", "3", "counter")) {
            assertEquals(0, client.awaitExit(RUN), client.transcript());
            assertTrue(client.stdout().contains("< VALUE 3"), client.transcript());
        }
    }

    @Test
    void echoClientConnectsThroughADescriptionAndReportsTheEnd() throws Exception {
        try (ProgramProcess server = ProgramProcess.twine("select", "broadcast-server", "--listen",
                "tcp:0:interface=127.0.0.1");
                ProgramProcess client = ProgramProcess.twine("select", "echo-client", "alice", "--connect",
                        "tcp:127.0.0.1:" + server.awaitPort())) {
            client.awaitLine("^Connected to the server!$", RUN);
            client.awaitLine("^got messages: ", RUN);
            server.close();
            assertEquals(0, client.awaitExit(RUN), client.transcript());
            client.awaitLine("^Lost connection\\. Reason: ", RUN);
        }
    }

    @Test
    void aBadListenDescriptionIsAUsageErrorNamingIt() throws Exception {
        try (ProgramProcess server = ProgramProcess.twine("select", "poetry-server", "--listen", "tcp:notaport",
                Examples.poem("science.txt").toString())) {
            assertEquals(2, server.awaitExit(RUN), server.transcript());
            assertTrue(server.transcript().contains("'tcp:notaport'"), server.transcript());
        }
    }

    @Test
    void listenTogetherWithPortIsAUsageError() throws Exception {
        try (ProgramProcess server = ProgramProcess.twine("select", "line-server", "--listen", "tcp:0", "--port", "0")) {
            assertEquals(2, server.awaitExit(RUN), server.transcript());
            assertTrue(server.transcript().contains("--listen replaces --port and --iface"), server.transcript());
        }
    }

    @Test
    void aClientDescriptionOfAnUnknownTypeIsReadAsAnAddressAndRefused() throws Exception {
        // unix: is a known type since UNIX sockets exist (UnixProcessTest); no endpoint type is called bogus.
        try (ProgramProcess c = ProgramProcess.twine("select", "get-poetry", "bogus:/tmp/x")) {
            assertEquals(2, c.awaitExit(RUN), c.transcript());
        }
    }
}
