package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's acceptance: {@code poetry-server --listen ssl:PORT:privateKey=K:certKey=C FILE} serves the exact
 * bytes of FILE to {@code openssl s_client} and to a Twisted TLS client, on every backend (semantics.md
 * §4.9). The key and certificate are made here with {@code openssl req}; each peer that is missing skips
 * its test with the reason.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoetryServerTlsProcessTest {
    private static final Duration RUN = Duration.ofMinutes(2);
    private static final String POEM = "science.txt";

    @TempDir
    static Path dir;
    private static Path key;
    private static Path cert;

    @BeforeAll
    static void makeKey() throws Exception {
        SelfSignedKey made = SelfSignedKey.makeIn(dir);
        key = made.key();
        cert = made.cert();
    }

    private static ProgramProcess server(String reactor) throws IOException {
        return ProgramProcess.twine(reactor, "poetry-server", "--listen", "ssl:0:interface=127.0.0.1:privateKey="
                + key + ":certKey=" + cert, Examples.poem(POEM).toString());
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void opensslSClientGetsTheExactBytesOfThePoem(String reactor) throws Exception {
        try (ProgramProcess server = server(reactor)) {
            Path got = dir.resolve("s_client-" + reactor + ".out");
            Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.awaitPort(),
                    "-CAfile", cert.toString(), "-verify_hostname", "localhost", "-verify_return_error", "-quiet")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(got.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals(true, client.waitFor(RUN.toSeconds(), TimeUnit.SECONDS), "s_client finished");
            assertEquals(0, client.exitValue());
            assertArrayEquals(Examples.poemBytes(POEM), Files.readAllBytes(got));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aTwistedTlsClientGetsTheExactBytesOfThePoem(String reactor) throws Exception {
        String python = Python.requireTwisted();
        try (ProgramProcess server = server(reactor)) {
            Path got = dir.resolve("twisted-" + reactor + ".out");
            String script = String.join("\n",
                    "import sys",
                    "from twisted.internet import reactor, ssl, protocol",
                    "data = bytearray()",
                    "class P(protocol.Protocol):",
                    "    def dataReceived(self, d): data.extend(d)",
                    "    def connectionLost(self, r):",
                    "        open(sys.argv[3], 'wb').write(bytes(data)); print('lost', r.type.__name__); reactor.stop()",
                    "root = ssl.Certificate.loadPEM(open(sys.argv[2]).read())",
                    "reactor.connectSSL('127.0.0.1', int(sys.argv[1]), protocol.ClientFactory.forProtocol(P),",
                    "                   ssl.optionsForClientTLS('localhost', trustRoot=root))",
                    "reactor.run()");
            try (ProgramProcess client = ProgramProcess.command("twisted tls client", List.of(python, "-c", script,
                    Integer.toString(server.awaitPort()), cert.toString(), got.toString()))) {
                assertEquals(0, client.awaitExit(RUN), client.transcript());
                assertEquals(List.of("lost ConnectionDone"), client.stdout(), client.transcript());
            }
            assertArrayEquals(Examples.poemBytes(POEM), Files.readAllBytes(got));
        }
    }
}
