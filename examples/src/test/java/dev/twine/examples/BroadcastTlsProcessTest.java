package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code broadcast-server --reactors 2 --listen ssl:...} as a process, on every backend: a group of two
 * reactors serves TLS on one port ({@code ReactorGroup.listenSSL}, semantics.md §4.10), and TLS clients
 * (the JDK's, trusting the server's self-signed certificate alone) are greeted, relayed to and disconnected
 * exactly as plaintext ones are in {@link BroadcastProcessTest}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BroadcastTlsProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static SelfSignedKey key;

    @BeforeAll
    static void makeKey() throws Exception {
        key = SelfSignedKey.makeIn(dir);
    }

    private static SSLSocket connect(SSLContext context, int port) throws Exception {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        s.setSoTimeout((int) READ.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) READ.toMillis());
        s.startHandshake();
        return s;
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aGroupOfTwoRelaysBetweenTlsClients(String reactor) throws Exception {
        SSLContext context = key.clientContext();
        try (ProgramProcess server = ProgramProcess.twine(reactor, "broadcast-server", "--listen",
                key.sslDescription(), "--reactors", "2")) {
            int port = server.awaitPort();
            try (SSLSocket a = connect(context, port)) {
                assertEquals(BroadcastProcessTest.greeting(1), Net.readLine(a));
                try (SSLSocket b = connect(context, port)) {
                    assertEquals(BroadcastProcessTest.greeting(2), Net.readLine(b));
                    assertEquals("TLSv1.3", b.getSession().getProtocol());

                    Net.send(a, "hello over TLS, 你好");
                    byte[] hello = "hello over TLS, 你好".getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(hello, Net.readExactly(b, hello.length));
                    Net.send(b, "reply");
                    assertArrayEquals("reply".getBytes(StandardCharsets.UTF_8), Net.readExactly(a, 5));

                    Net.send(b, "close");
                    assertEquals(-1, b.getInputStream().read(), "the server closes the client that sent close");
                    server.awaitLine("^lost connect: 2$", READ);
                }
            }
            server.awaitLine("^lost connect: 1$", READ);
        }
    }
}
