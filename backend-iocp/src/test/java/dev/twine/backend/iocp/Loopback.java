package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support: IOCP sockets on 127.0.0.1, connected pairs, and bounded waits on a poller. Every loop is
 * bounded in iterations and in time (generous: Wine adds a wineserver round trip per poll).
 */
final class Loopback implements AutoCloseable {
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    final WinsockSocketProvider sockets = new WinsockSocketProvider(new WinsockCalls(Win32.get()));
    private final List<SelectableHandle> opened = new ArrayList<>();

    ListeningSocketHandle listener() throws IOException {
        ListeningSocketHandle l = sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        opened.add(l);
        return l;
    }

    StreamSocketHandle client() throws IOException {
        StreamSocketHandle s = sockets.openStream(StandardProtocolFamily.INET);
        opened.add(s);
        return s;
    }

    /** A connected pair: [0] the client side, [1] the accepted side. */
    StreamSocketHandle[] pair() throws IOException {
        ListeningSocketHandle l = listener();
        StreamSocketHandle c = client();
        c.connect(l.localAddress());
        StreamSocketHandle a = acceptWithin(l);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!c.finishConnect()) {
            if (System.nanoTime() - deadline > 0) {
                fail("connect did not finish");
            }
            sleep(2);
        }
        return new StreamSocketHandle[] {c, a};
    }

    StreamSocketHandle acceptWithin(ListeningSocketHandle l) throws IOException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            StreamSocketHandle a = l.accept();
            if (a != null) {
                opened.add(a);
                return a;
            }
            sleep(2);
        }
        return fail("no connection to accept");
    }

    /** Polls until {@code token} is reported with all of {@code bits}; returns the bits reported then. */
    static int awaitReady(Poller<?> poller, long token, int bits) throws IOException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        int[] seen = new int[1];
        while (System.nanoTime() - deadline < 0) {
            seen[0] = 0;
            poller.poll(TimeUnit.MILLISECONDS.toNanos(200), (t, ops, error) -> {
                if (t == token) {
                    seen[0] = ops;
                }
            });
            if ((seen[0] & bits) == bits) {
                return seen[0];
            }
        }
        return fail("token " + token + " never reported ready for " + bits + "; last bits " + seen[0]);
    }

    /** One poll with a timeout: every token reported, with its bits (a token reported twice fails). */
    static Map<Long, Integer> pollOnce(Poller<?> poller, long millis) throws IOException {
        Map<Long, Integer> seen = new HashMap<>();
        poller.poll(TimeUnit.MILLISECONDS.toNanos(millis), (token, ops, error) -> {
            if (seen.put(token, ops) != null) {
                fail("token reported twice in one poll: " + token);
            }
        });
        return seen;
    }

    static void writeFully(StreamSocketHandle s, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (b.hasRemaining()) {
            if (s.write(b) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    fail("could not write");
                }
                sleep(2);
            }
        }
    }

    /** Reads until {@code n} bytes arrived (or EOF); returns them as text. */
    static String readExactly(StreamSocketHandle s, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (b.hasRemaining()) {
            int r = s.read(b);
            if (r < 0) {
                break;
            }
            if (r == 0) {
                if (System.nanoTime() - deadline > 0) {
                    fail("data did not arrive");
                }
                sleep(2);
            }
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    /** Reads until end of stream, bounded; returns -1 when EOF was seen. */
    static int readUntilEof(StreamSocketHandle s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            b.clear();
            int r = s.read(b);
            if (r < 0) {
                return r;
            }
            if (r == 0) {
                sleep(2);
            }
        }
        return fail("no end of stream");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static <T> T notNull(T value) {
        assertNotNull(value);
        return value;
    }

    @Override
    public void close() {
        for (SelectableHandle h : opened) {
            try {
                h.close();
            } catch (IOException ignored) {
                // Already reset or aborted by the test.
            }
        }
    }
}
