package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code fib-server}: one sequence shared by every client, surviving SIGTERM and SIGINT restarts. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FibServerProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void clientsShareOneSequenceAndItContinuesAfterASigtermRestart(String reactor) throws Exception {
        Path state = tmp.resolve("fib.state");
        List<String> seen = new ArrayList<>();
        try (ProgramProcess server = ProgramProcess.twine(reactor, "fib-server", "--iface", "127.0.0.1", "--port", "0", "--state", state.toString())) {
            int port = server.awaitPort();
            server.awaitLine("new state in .*; next number 2\\.$", READ);
            try (Socket a = Net.connect(port, READ); Socket b = Net.connect(port, READ)) {
                for (int i = 0; i < 3; i++) {
                    seen.add(ask(a));
                    seen.add(ask(b));
                }
            }
            server.signal("TERM");
            assertEquals(0, server.awaitExit(READ), server.transcript());
            server.awaitLine("^Saved state to .*; the next number will be 34\\.$", READ);
        }
        assertEquals(List.of("2", "3", "5", "8", "13", "21"), seen);
        assertTrue(Files.readString(state).contains("fibonacci.current=21"), Files.readString(state));

        try (ProgramProcess again = ProgramProcess.twine(reactor, "fib-server", "--iface", "127.0.0.1", "--port", "0", "--state", state.toString())) {
            int port = again.awaitPort();
            again.awaitLine("restored from .*; next number 34\\.$", READ);
            try (Socket c = Net.connect(port, READ)) {
                assertEquals("34", ask(c));
                assertEquals("55", ask(c));
            }
            again.signal("TERM");
            assertEquals(0, again.awaitExit(READ), again.transcript());
        }
    }

    /**
     * SIGINT saves the state too. A shell starts background jobs with SIGINT ignored, and the JVM (like
     * Twisted) leaves an ignored SIGINT alone, so the server is started through
     * {@code env --default-signal=INT} to give it the default disposition a terminal would.
     */
    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void sigintSavesTheStateToo(String reactor) throws Exception {
        Assumptions.assumeTrue(envSupportsDefaultSignal(), "env --default-signal is not available");
        Path state = tmp.resolve("fib.state");
        Files.writeString(state, "fibonacci.previous=5\nfibonacci.current=8\n");
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dtwine.reactor=" + reactor,
                "-cp", ProgramProcess.testClassPath(), Launcher.class.getName(),
                "fib-server", "--iface", "127.0.0.1", "--port", "0", "--state", state.toString()));
        try (ProgramProcess server = ProgramProcess.command("fib-server [" + reactor + "] via env", cmd)) {
            int port = server.awaitPort();
            server.awaitLine("restored from .*; next number 13\\.$", READ);
            try (Socket c = Net.connect(port, READ)) {
                assertEquals("13", ask(c));
            }
            server.signal("INT");
            assertEquals(0, server.awaitExit(READ), server.transcript());
            server.awaitLine("^Saved state to .*; the next number will be 21\\.$", READ);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aCorruptStateFileStopsTheServerWithAnError(String reactor) throws Exception {
        Path state = tmp.resolve("fib.state");
        Files.writeString(state, "fibonacci.previous=five\nfibonacci.current=8\n");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "fib-server", "--iface", "127.0.0.1", "--port", "0", "--state", state.toString())) {
            assertEquals(1, server.awaitExit(READ), server.transcript());
            assertTrue(String.join("\n", server.stderr()).contains("fibonacci"), server.transcript());
        }
    }

    private static String ask(Socket s) throws java.io.IOException {
        Net.send(s, "next?");
        return Net.readLine(s);
    }

    private static boolean envSupportsDefaultSignal() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
