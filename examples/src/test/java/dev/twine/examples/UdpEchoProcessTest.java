package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code udp-echo-server} against Python's plain {@code socket} module and against Twisted's own UDP client. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UdpEchoProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);

    /** Sends one datagram with a blocking socket and prints what comes back, with its sender's port. */
    private static final String PLAIN_SOCKET_CLIENT = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.settimeout(20)",
            "s.sendto(b'datagram from python', ('127.0.0.1', int(sys.argv[1])))",
            "data, addr = s.recvfrom(8192)",
            "print('got %s from %d' % (data.decode(), addr[1]), flush=True)");

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aDatagramFromPythonsSocketModuleIsEchoedFromTheServersPort(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "udp-echo-server", "--iface", "127.0.0.1", "--port", "0")) {
            int port = server.awaitPort();
            try (ProgramProcess py = ProgramProcess.command("python3 socket client",
                    List.of("python3", "-c", PLAIN_SOCKET_CLIENT, String.valueOf(port)))) {
                py.awaitLine("got datagram from python from " + port, READ);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void twistedsUdpClientGetsEveryDatagramEchoed(String reactor) throws Exception {
        List<String> cmd = Python.peer("udp_echo_client.py");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "udp-echo-server", "--iface", "127.0.0.1", "--port", "0")) {
            int port = server.awaitPort();
            cmd.add(String.valueOf(port));
            cmd.addAll(List.of("one", "two", "three"));
            try (ProgramProcess twisted = ProgramProcess.command("udp_echo_client.py", cmd)) {
                for (String m : List.of("one", "two", "three")) {
                    twisted.awaitLine("echo " + m + " from 127\\.0\\.0\\.1:" + port, READ);
                }
                assertEquals(0, twisted.awaitExit(READ), "the Twisted client saw every echo");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void withoutAPortItExitsWithTheUsageStatus(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "udp-echo-server", "--iface", "127.0.0.1")) {
            assertEquals(2, server.awaitExit(READ), server.transcript());
            assertTrue(server.transcript().contains("--port is required"), server.transcript());
        }
    }
}
