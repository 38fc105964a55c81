package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples over UNIX sockets (semantics.md §8), as processes: {@code poetry-server --listen unix:PATH}
 * serves the exact bytes of its file to a plain {@code AF_UNIX} client (Python's {@code socket} module, no
 * Twisted), and the poetry client fetches it through a {@code unix:} client description, on every backend.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UnixProcessTest {
    private static final Duration RUN = Duration.ofMinutes(2);

    /** Reads everything from the UNIX socket named by argv[1] and writes it to stdout, unchanged. */
    private static final String PLAIN_CLIENT = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "s.connect(sys.argv[1])",
            "while True:",
            "    b = s.recv(65536)",
            "    if not b:",
            "        break",
            "    sys.stdout.buffer.write(b)",
            "sys.stdout.flush()");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void poetryServerServesTheExactBytesOverAUnixSocket(String reactor) throws Exception {
        byte[] poem = Examples.poemBytes("l-ete.fr.txt");
        Path socket = dir.resolve("poetry.sock");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--listen",
                "unix:" + socket + ":mode=600", Examples.poem("l-ete.fr.txt").toString())) {
            server.awaitLine("on UNIXAddress\\('" + java.util.regex.Pattern.quote(socket.toString()) + "'\\)",
                    ProgramProcess.STARTUP);
            Process client = new ProcessBuilder("python3", "-c", PLAIN_CLIENT, socket.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] got = client.getInputStream().readAllBytes();
            assertTrue(client.waitFor(RUN.toSeconds(), TimeUnit.SECONDS), "the Python client finished");
            assertEquals(0, client.exitValue());
            assertArrayEquals(poem, got, "the exact bytes of the file");

            try (ProgramProcess c = ProgramProcess.twine(reactor, "get-poetry", "unix:path=" + socket)) {
                assertEquals(0, c.awaitExit(RUN), c.transcript());
                assertTrue(c.stdout().contains("Task 1: " + poem.length + " bytes of poetry"), c.transcript());
            }
            assertTrue(server.isAlive(), server.transcript());
        }
    }

    /**
     * Twisted's {@code connectUNIX(checkPID=True)} reads Twine's lock file and downloads the exact bytes; Twine's
     * client, with {@code lockfile=1}, reads Twisted's lock file and downloads from Twisted's
     * {@code listenUNIX(wantPID=True)}: the lock files are the same format both ways (semantics.md §8.3).
     */
    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void twistedAndTwineInteroperateOverUnixSocketsAndEachOthersLockFiles(String reactor) throws Exception {
        Python.requireTwisted();
        byte[] poem = Examples.poemBytes("mountain-river.zh.txt");
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(poem));
        Path twineSocket = dir.resolve("twine.sock");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--listen",
                "unix:" + twineSocket + ":lockfile=1", Examples.poem("mountain-river.zh.txt").toString())) {
            server.awaitLine("on UNIXAddress", ProgramProcess.STARTUP);
            try (ProgramProcess client = ProgramProcess.command("unix_poetry.py client",
                    Python.peer("unix_poetry.py", "client", twineSocket.toString()))) {
                assertEquals(0, client.awaitExit(RUN), client.transcript());
                assertTrue(client.stdout().contains("received " + poem.length + " bytes sha256 " + digest),
                        client.transcript());
            }
        }
        Path twistedSocket = dir.resolve("twisted.sock");
        try (ProgramProcess server = ProgramProcess.command("unix_poetry.py server", Python.peer("unix_poetry.py",
                "server", twistedSocket.toString(), Examples.poem("mountain-river.zh.txt").toString()))) {
            server.awaitLine("^Serving on ", ProgramProcess.STARTUP);
            try (ProgramProcess c = ProgramProcess.twine(reactor, "get-poetry",
                    "unix:path=" + twistedSocket + ":lockfile=1")) {
                assertEquals(0, c.awaitExit(RUN), c.transcript());
                assertTrue(c.stdout().contains("Task 1: " + poem.length + " bytes of poetry"), c.transcript());
            }
        }
    }
}
