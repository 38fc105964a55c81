package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code multicast-ping}'s server and client as two processes in one private network namespace whose
 * loopback carries multicast ({@link NetworkNamespace}): the client's {@code Ping} to the group reaches the
 * server, which joined the group, and the server's {@code Pong} comes back to the client (semantics.md §7.7,
 * Twisted's multicast ping-pong example). Nothing leaves the namespace; where one cannot be made the test is
 * skipped with the reason.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MulticastPingProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);
    /** Any port: the namespace is private, so no other program holds it. */
    private static final String PORT = "9999";
    private static final String GROUP = "228.0.0.5";

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void theServerJoinedToTheGroupAnswersTheClientsPingWithAPong(String reactor) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.withMulticastLoopback();
             ProgramProcess server = ProgramProcess.twineIn(ns.enter(), reactor, List.of(), "multicast-ping", "server",
                     "--group", GROUP, "--port", PORT)) {
            // Printed once joinGroup's Deferred has fired: the membership is in place before the client pings.
            server.awaitLine("^Multicast ping server on .*port=" + PORT + ".*, group " + GROUP.replace(".", "\\.") + "\\.$",
                    ProgramProcess.STARTUP);
            try (ProgramProcess client = ProgramProcess.twineIn(ns.enter(), reactor, List.of(), "multicast-ping", "client",
                    "--group", GROUP, "--port", PORT, "--wait", "5")) {
                client.awaitLine("^Pong from 127\\.0\\.0\\.1:" + PORT + "$", READ);
                assertEquals(0, client.awaitExit(READ), client.transcript());
                assertEquals(1, client.stdout().stream().filter(l -> l.startsWith("Pong from ")).count(),
                        "one server in the group, so one Pong\n" + client.transcript());
            }
            assertEquals(true, server.isAlive(), "the server keeps serving after a ping\n" + server.transcript());
        }
    }
}
