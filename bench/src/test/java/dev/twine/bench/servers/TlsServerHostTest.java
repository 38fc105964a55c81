package dev.twine.bench.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bench.Stack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark servers over TLS ({@code --tls-key}/{@code --tls-cert}, what {@code side-by-side.sh --tls}
 * measures) echo every byte on every stack, through a JDK TLS client that trusts only the throwaway
 * certificate made here with {@code openssl req} (skipped without openssl).
 */
class TlsServerHostTest {
    @TempDir
    static Path dir;
    private static TlsFiles files;

    static Stream<String> stacks() {
        return Stream.of("select", "epoll", Stack.NETTY_NIO, Stack.NETTY_EPOLL);
    }

    @BeforeAll
    static void makeKey() throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed: " + e.getMessage());
            return;
        }
        p.getInputStream().readAllBytes();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        files = new TlsFiles(key, cert);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void tlsEchoServerSendsEveryByteBack(String stack) throws Exception {
        echoThrough(stack, files);
    }

    @org.junit.jupiter.api.Test
    void nettyOnBoringSslEchoesToo() throws Exception {
        echoThrough(Stack.NETTY_EPOLL, new TlsFiles(files.key(), files.chain(), true));
    }

    private static void echoThrough(String stack, TlsFiles tls) throws Exception {
        assumeTrue(Stack.unavailabilityReason(stack).isEmpty(), () -> stack + " unavailable here");
        byte[] message = new byte[100_000];
        new Random(1).nextBytes(message);
        try (ServerHost server = ServerHost.start(Stack.of(stack), Service.ECHO, "127.0.0.1", 0, 128, tls);
                SSLSocket s = (SSLSocket) clientContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(message);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (got.size() < message.length) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            assertArrayEquals(message, got.toByteArray());
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
    }

    private static SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(files.chain())) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
