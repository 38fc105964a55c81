package dev.twine.bench.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.bench.Stack;
import dev.twine.bench.servers.ServerHost;
import dev.twine.bench.servers.Service;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C loader {@code bench/src/main/c/udp_echo_load.c}, built here with gcc as side-by-side.sh builds it, run
 * as a process against real UDP peers on 127.0.0.1: a udp-echo server (with and without UDP GSO), a socket
 * that never answers (every window written off as lost), and one that answers with other bytes (refused).
 * Skipped where gcc is missing: the benchmark needs it, the library does not.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UdpEchoLoadCTest {
    private static final Path SOURCE = Path.of("src/main/c/udp_echo_load.c");
    private static final Path BINARY = Path.of("target/test-udp-echo-load");
    private static final Pattern LINE =
            Pattern.compile("datagrams=(\\d+) seconds=([0-9.]+) rate=([0-9.]+) lost=(\\d+) gso=(\\d+)");

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void build() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "recvmmsg and sendmmsg are Linux's; this JVM runs on " + System.getProperty("os.name"));
        Run gcc;
        try {
            gcc = run(List.of("gcc", "-O2", "-Wall", "-Werror", "-pthread", "-o", BINARY.toString(), SOURCE.toString()));
        } catch (IOException e) {
            Assumptions.abort("gcc is not installed: " + e.getMessage());
            return;
        }
        assertEquals(0, gcc.status, "gcc failed:\n" + gcc.err);
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("udp-load", ".out");
        Path err = Files.createTempFile("udp-load", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " still running after 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out).trim(), Files.readString(err).trim());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run load(int port, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toAbsolutePath().toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        return run(command);
    }

    private static Matcher parse(Run r) {
        Matcher m = LINE.matcher(r.out);
        assertTrue(m.matches(), "status " + r.status + ", stdout: " + r.out + ", stderr: " + r.err);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "64"})
    void countsEchoesOfARealServerForTheGivenSeconds(String gso) throws Exception {
        try (ServerHost server = ServerHost.start(Stack.of("select"), Service.UDP_ECHO, "127.0.0.1", 0, 128)) {
            Run r = load(server.port(), "--threads", "2", "--window", "8", "--seconds", "0.5", "--gso", gso);
            assertEquals(0, r.status, r.err);
            Matcher m = parse(r);
            long datagrams = Long.parseLong(m.group(1));
            double seconds = Double.parseDouble(m.group(2));
            assertTrue(datagrams > 100, "too few echoes counted: " + r.out);
            assertTrue(seconds >= 0.5 && seconds < 5, r.out);
            assertEquals(datagrams / seconds, Double.parseDouble(m.group(3)), datagrams / seconds * 0.01 + 0.1, r.out);
            // --gso 0: one datagram per sendmmsg entry; --gso 64: up to 64 per entry (UDP GSO, Linux 4.18+).
            assertEquals(gso.equals("0") ? 1 : 64, Integer.parseInt(m.group(5)), r.out);
        }
    }

    @Test
    void aPeerThatNeverAnswersHasEveryWindowCountedLost() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Run r = load(silent.getLocalPort(), "--threads", "1", "--window", "4", "--seconds", "0.5");
            assertEquals(0, r.status, r.err);
            Matcher m = parse(r);
            assertEquals(0, Long.parseLong(m.group(1)), r.out);
            long lost = Long.parseLong(m.group(4));
            // A window of 4 is written off after each 200 ms without an echo: at 200 and 400 ms, and once more
            // at 600 ms while the last wait runs past the half second.
            assertTrue(lost >= 8 && lost % 4 == 0, "lost " + lost + ": " + r.out);
        }
    }

    @Test
    void anEchoWithOtherBytesThanSentFailsTheRun() throws Exception {
        try (DatagramSocket liar = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                byte[] buf = new byte[2048];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    liar.setSoTimeout(10_000);
                    while (true) {
                        liar.receive(p);
                        // The same length and generation stamp; one payload byte differs.
                        p.getData()[p.getLength() - 1] ^= 1;
                        liar.send(p);
                        p.setLength(buf.length);
                    }
                } catch (IOException e) {
                    // closed by the test, or no datagram for 10 s
                }
            }, "liar");
            answering.setDaemon(true);
            answering.start();
            Run r = load(liar.getLocalPort(), "--threads", "1", "--window", "1", "--seconds", "2");
            assertEquals(1, r.status, "stdout: " + r.out);
            assertTrue(r.err.contains("differs from the datagram sent"), r.err);
        }
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() throws Exception {
        Run r = load(7, "--window", "0");
        assertEquals(2, r.status, r.out);
        assertTrue(r.err.startsWith("usage: udp-echo-load"), r.err);
    }
}
