package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.internet.IReactor;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

/**
 * The raw-descriptor promise: one piece of {@code IReactorFDSet} client code ({@link RawStreamClient})
 * receives every byte of a 1 MiB payload from a plain blocking {@link ServerSocket} on every backend.
 */
class RawDescriptorClientTest {
    private static final int PAYLOAD = 1024 * 1024;

    @ReactorTest
    void rawClientReceivesAMebibyteAndThenConnectionDone(ReactorBuilder b) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        new Random(7).nextBytes(payload);
        CRC32 expected = new CRC32();
        expected.update(payload);

        AtomicReference<Throwable> serverFailure = new AtomicReference<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread serverThread = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    // Uneven chunks, so the client sees reads of every size.
                    int off = 0;
                    for (int chunk = 1; off < payload.length; chunk = chunk * 3 % 70_001 + 1) {
                        int n = Math.min(chunk, payload.length - off);
                        out.write(payload, off, n);
                        off += n;
                    }
                } catch (Throwable t) {
                    serverFailure.set(t);
                }
            }, "blocking-server");
            serverThread.start();

            IReactor reactor = b.buildReactor();
            RawStreamClient client = new RawStreamClient(reactor);
            client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
            b.runReactor(reactor, 60);
            serverThread.join(30_000);

            assertNull(serverFailure.get());
            assertSame(ConnectionDone.class, client.reason.type(), client.reason.toString());
            assertEquals(PAYLOAD, client.received);
            assertEquals(expected.getValue(), client.checksum());
        }
    }
}
