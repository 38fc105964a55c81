package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code udp-echo-client}, Twine's connected-UDP client, against Twisted's own {@code listenUDP} echo server,
 * and against a port where nobody listens (semantics.md §7.4: the refusal reaches {@code connectionRefused}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UdpEchoClientProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void twineClientGetsEveryEchoFromTwistedsUdpEchoServer(String reactor) throws Exception {
        try (ProgramProcess twisted = ProgramProcess.command("udp_echo_server.py", Python.peer("udp_echo_server.py"))) {
            int port = twisted.awaitPort();
            try (ProgramProcess client = ProgramProcess.twine(reactor, "udp-echo-client", "--port", String.valueOf(port),
                    "one", "two", "three")) {
                for (String m : List.of("one", "two", "three")) {
                    client.awaitLine("^echo " + m + "$", READ);
                    twisted.awaitLine("^echoed " + m + "$", READ);
                }
                assertEquals(0, client.awaitExit(READ), client.transcript());
            }
            assertEquals(0, twisted.awaitExit(READ), "Twisted's server stops after its three echoes\n" + twisted.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aPortNobodyListensOnIsRefusedAndTheClientExitsWithStatusOne(String reactor) throws Exception {
        int closed;
        // A port that was just free: bound, read, released. Nothing else on loopback takes it within the test.
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        try (ProgramProcess client = ProgramProcess.twine(reactor, "udp-echo-client", "--port", String.valueOf(closed),
                "--wait", "30", "anyone?")) {
            client.awaitLine("^No one listening$", READ);
            assertEquals(1, client.awaitExit(READ), client.transcript());
        }
    }
}
