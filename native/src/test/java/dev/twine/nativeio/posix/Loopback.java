package dev.twine.nativeio.posix;

import dev.twine.nativeio.linux.LinuxBindings;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Test support: real sockets on loopback, and bounded waiting without a poller (these tests sit
 * below every poller, so they spin on the non-blocking calls with short sleeps, bounded in time).
 */
final class Loopback {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Loopback() {
    }

    /** The real bindings; the test is skipped off Linux. */
    static SocketCalls linuxCalls() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "Linux only");
        return LinuxBindings.load().socketCalls();
    }

    static InetSocketAddress anyPort(String host) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(host), 0);
    }

    /** Something that can be retried until it yields a non-null value. */
    interface Attempt<T> {
        T attempt() throws IOException;
    }

    /** Retries {@code attempt} until non-null, failing after {@link #PATIENCE}. */
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

    /** A connected pair: [0] is the client side, [1] the accepted side. */
    static PosixStreamSocket[] connectedPair(PosixSocketProvider provider, String host) throws IOException {
        PosixListeningSocket listener = provider.listen(anyPort(host), 8);
        try {
            InetSocketAddress target = listener.localAddress();
            PosixStreamSocket client = provider.openStream(target.getAddress() instanceof java.net.Inet6Address
                    ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
            boolean connected = client.connect(target);
            PosixStreamSocket server = await("accept", listener::accept);
            if (!connected) {
                await("connect", () -> client.finishConnect() ? Boolean.TRUE : null);
            }
            return new PosixStreamSocket[] {client, server};
        } finally {
            listener.close();
        }
    }

    /** Reads exactly {@code count} bytes, or fails. */
    static byte[] readFully(PosixStreamSocket socket, int count, boolean direct) throws IOException {
        ByteBuffer into = direct ? ByteBuffer.allocateDirect(count) : ByteBuffer.allocate(count);
        await("" + count + " bytes", () -> {
            int n = socket.read(into);
            if (n < 0) {
                throw new AssertionError("EOF after " + into.position() + " of " + count + " bytes");
            }
            return into.hasRemaining() ? null : Boolean.TRUE;
        });
        into.flip();
        byte[] bytes = new byte[count];
        into.get(bytes);
        return bytes;
    }
}
