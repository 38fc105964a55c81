package dev.twine.backend.epoll;

import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: real loopback sockets from the POSIX provider, closed when the test ends, and
 * bounded waiting.
 */
final class Sockets implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    final PosixSocketProvider provider;
    private final List<PosixHandle> opened = new ArrayList<>();

    Sockets(PosixSocketProvider provider) {
        this.provider = provider;
    }

    static void assumeLinux() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "Linux only");
    }

    <H extends PosixHandle> H track(H handle) {
        opened.add(handle);
        return handle;
    }

    PosixListeningSocket listen() throws IOException {
        return track(provider.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
    }

    /** A connected pair on 127.0.0.1: [0] the connecting side, [1] the accepted side. */
    PosixStreamSocket[] pair() throws IOException {
        PosixListeningSocket listener = provider.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        try {
            return pairVia(listener);
        } finally {
            listener.close();
        }
    }

    /** A connected pair through an existing listener. */
    PosixStreamSocket[] pairVia(PosixListeningSocket listener) throws IOException {
        PosixStreamSocket client = track(provider.openStream(StandardProtocolFamily.INET));
        boolean connected = client.connect(listener.localAddress());
        PosixStreamSocket server = track(await("accept", listener::accept));
        if (!connected) {
            await("connect", () -> client.finishConnect() ? Boolean.TRUE : null);
        }
        return new PosixStreamSocket[] {client, server};
    }

    interface Attempt<T> {
        T attempt() throws IOException;
    }

    /** Retries until non-null, failing after {@link #PATIENCE}. */
    static <T> T await(String what, Attempt<T> attempt) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T value = attempt.attempt();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        opened.forEach(PosixHandle::close);
    }
}
