package dev.twine.tck.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.protocols.haproxy.HAProxyWrappingFactory;
import dev.twine.tck.BackgroundReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tls.PeerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PROXY protocol behind a real load balancer (semantics.md §3.18): Debian's HAProxy forwards loopback
 * connections to a Twine server with {@code send-proxy} (version 1) and {@code send-proxy-v2}, and the
 * server's protocol sees the client HAProxy accepted, not HAProxy itself. The client binds 127.0.0.5, so
 * its address cannot be confused with HAProxy's own 127.0.0.1. Skips where haproxy is not installed.
 */
class HAProxyTest {
    private static final double TIMEOUT = 60;
    private static final String CLIENT_HOST = "127.0.0.5";

    @TempDir
    Path dir;

    /** Answers the first bytes with the peer and host it sees, then closes. */
    private static final class Reporter extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(("peer=" + show(transport.getPeer()) + " host=" + show(transport.getHost()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            transport.loseConnection();
        }

        private static String show(IAddress a) {
            return a.host() + ":" + a.port();
        }
    }

    @ReactorTest
    void behindHAProxyTheServerSeesTheRealClientThroughBothVersions(ReactorBuilder builder) throws Exception {
        // On Windows, before PeerProcess is even loaded: its class initializer starts Python candidates, and
        // under Wine every fresh-clone run in which this test was the first to load it then failed the next
        // case's socket() (ClientServiceTest). Then, before anything is opened, the haproxy check itself.
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("windows"),
                "haproxy is a Linux peer; the Windows rows do not start it");
        PeerProcess.assumeHaproxy();
        IReactor reactor = builder.buildReactor();
        int v1Port = PeerProcess.freePort();
        int v2Port = PeerProcess.freePort();
        try (BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT)) {
            IListeningPort server = bg.call(() -> reactor.listenTCP(0,
                    new HAProxyWrappingFactory(Factory.forProtocol(Reporter::new)), 50, "127.0.0.1"));
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, String.join("\n",
                    "defaults",
                    "    mode tcp",
                    "    timeout connect 10s",
                    "    timeout client 60s",
                    "    timeout server 60s",
                    "listen v1",
                    "    bind 127.0.0.1:" + v1Port,
                    "    server twine 127.0.0.1:" + server.getHost().port() + " send-proxy",
                    "listen v2",
                    "    bind 127.0.0.1:" + v2Port,
                    "    server twine 127.0.0.1:" + server.getHost().port() + " send-proxy-v2",
                    ""));
            try (PeerProcess haproxy = PeerProcess.haproxy(config)) {
                for (int port : new int[] {v1Port, v2Port}) {
                    try (Socket client = connectWhenListening(port, haproxy)) {
                        client.getOutputStream().write("who?\n".getBytes(StandardCharsets.US_ASCII));
                        String answer = new BufferedReader(new InputStreamReader(client.getInputStream(),
                                StandardCharsets.US_ASCII)).readLine();
                        assertEquals("peer=" + CLIENT_HOST + ":" + client.getLocalPort() + " host=127.0.0.1:" + port,
                                answer, haproxy.transcript());
                    }
                }
            }
            bg.call(server::stopListening);
            bg.stopAndJoin();
        }
    }

    /** A client on 127.0.0.5 connected to HAProxy's {@code port}, once HAProxy listens (at most 30 s). */
    private static Socket connectWhenListening(int port, PeerProcess haproxy) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            Socket client = new Socket();
            client.setSoTimeout((int) (TIMEOUT * 1000));
            client.bind(new InetSocketAddress(CLIENT_HOST, 0));
            try {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return client;
            } catch (ConnectException notYet) {
                client.close();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("haproxy did not listen on " + port + " within 30 s: " + haproxy.transcript());
    }
}
