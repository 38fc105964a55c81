package dev.twine.tck.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.StreamSocketHandle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The test-only kqueue backends are found by {@link ServiceLoader} like any other, under their own
 * names and below every real backend's priority, and carry bytes over loopback: the conformance
 * suite can run them. The same smoke test runs for the production {@code kqueue} backend wherever it
 * is available.
 */
class EmulatedKqueueBackendsTest {

    private static Map<String, ReactorBackend> backends() {
        return ServiceLoader.load(ReactorBackend.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(ReactorBackend::name, Function.identity(), (a, b) -> a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kqueue-darwin-shim", "kqueue-freebsd-shim"})
    void theEmulatedBackendIsRegisteredAndNeverChosenByDefault(String name) {
        ReactorBackend backend = backends().get(name);
        assertTrue(backend != null, name + " is registered");
        assertTrue(backend.priority() < 0, "below select's 0");
    }

    /**
     * Also run for the production {@code kqueue} backend, which is available on macOS and FreeBSD, or
     * on Linux when {@code twine.kqueue.library} names a kqueue library (see backend-kqueue/README.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"kqueue-darwin-shim", "kqueue-freebsd-shim", "kqueue"})
    void theBackendCarriesBytesOverLoopback(String name) throws Exception {
        ReactorBackend backend = backends().get(name);
        backend.unavailabilityReason().ifPresent(reason -> Assumptions.abort(name + ": " + reason));
        try (Poller poller = backend.openPoller()) {
            ListeningSocketHandle listener = backend.sockets()
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            StreamSocketHandle client = backend.sockets().openStream(StandardProtocolFamily.INET);
            client.connect(listener.localAddress());
            poller.setInterest(listener, Poller.READ);
            StreamSocketHandle[] server = {null};
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (server[0] == null && System.nanoTime() < deadline) {
                poller.poll(100_000_000L, (h, ops) -> {
                    try {
                        server[0] = listener.accept();
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                });
            }
            assertTrue(server[0] != null, "accepted");
            client.finishConnect();
            client.write(ByteBuffer.wrap("ping".getBytes()));
            poller.setInterest(server[0], Poller.READ);
            ByteBuffer got = ByteBuffer.allocate(16);
            while (got.position() < 4 && System.nanoTime() < deadline) {
                poller.poll(100_000_000L, (h, ops) -> {
                    try {
                        server[0].read(got);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                });
            }
            assertEquals("ping", new String(got.array(), 0, got.position()));
            poller.setInterest(listener, 0);
            poller.setInterest(server[0], 0);
            listener.close();
            server[0].close();
            client.close();
        }
    }
}
