package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain JDK socket clients for the process tests: they play the misbehaving peers (resetting, never
 * reading, half-closing) and check bytes exactly. Every read has a timeout.
 */
final class Net {
    private Net() {
    }

    /** A connected loopback socket whose reads time out after {@code timeout}. */
    static Socket connect(int port, Duration timeout) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        s.setSoTimeout((int) timeout.toMillis());
        return s;
    }

    /** Reads until the server closes. */
    static byte[] readToEnd(Socket s) throws IOException {
        return s.getInputStream().readAllBytes();
    }

    /** Reads exactly {@code n} bytes. */
    static byte[] readExactly(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        if (b.length != n) {
            fail("connection ended after " + b.length + " of " + n + " bytes: " + new String(b, StandardCharsets.UTF_8));
        }
        return b;
    }

    /** Reads one {@code \n}-terminated line (UTF-8), without the line break. */
    static String readLine(Socket s) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                fail("connection ended before a line break; got: " + line.toString(StandardCharsets.UTF_8));
            }
            if (c == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
    }

    /** True if nothing arrives within {@code wait} (and the connection is still open). */
    static boolean silentFor(Socket s, Duration wait) throws IOException {
        int old = s.getSoTimeout();
        s.setSoTimeout((int) wait.toMillis());
        try {
            int c = s.getInputStream().read();
            if (c < 0) {
                fail("connection closed while expecting silence");
            }
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            s.setSoTimeout(old);
        }
    }

    /** Closes with a reset (SO_LINGER 0): the server sees ECONNRESET, not a clean end. */
    static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /**
     * Opens {@code count} connections to {@code port} at once (non-blocking connects, one selector) and
     * reads each to its end. Returns what each received, in connection order.
     */
    static List<byte[]> downloadConcurrently(int port, int count, Duration timeout) throws IOException {
        List<ByteArrayOutputStream> received = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int open = 0;
        List<SocketChannel> channels = new ArrayList<>(count);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open();
                channels.add(ch);
                ch.configureBlocking(false);
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                received.add(sink);
                if (ch.connect(new InetSocketAddress("127.0.0.1", port))) {
                    ch.register(selector, SelectionKey.OP_READ, sink);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, sink);
                }
                open++;
            }
            while (open > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(open + " of " + count + " downloads unfinished after " + timeout);
                }
                selector.select(Math.max(1, left / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    ByteArrayOutputStream sink = (ByteArrayOutputStream) key.attachment();
                    if (key.isConnectable()) {
                        ch.finishConnect();
                        key.interestOps(SelectionKey.OP_READ);
                        continue;
                    }
                    while (true) {
                        buf.clear();
                        int n = ch.read(buf);
                        if (n > 0) {
                            sink.write(buf.array(), 0, n);
                        } else {
                            if (n < 0) {
                                key.cancel();
                                ch.close();
                                open--;
                            }
                            break;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (SocketChannel ch : channels) {
                ch.close();
            }
        }
        List<byte[]> out = new ArrayList<>(count);
        for (ByteArrayOutputStream s : received) {
            out.add(s.toByteArray());
        }
        return out;
    }

    /** Indices of the downloads that differ from {@code expected}. */
    static List<Integer> mismatches(List<byte[]> downloads, byte[] expected) {
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < downloads.size(); i++) {
            if (!Arrays.equals(downloads.get(i), expected)) {
                bad.add(i);
            }
        }
        return bad;
    }
}
