package dev.twine.backend.kqueue.shim;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.SocketCalls;
import dev.twine.testfixtures.Await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Real descriptors for the emulation tests (socket pairs, pipes, loopback TCP), all closed by
 * {@link #close()}. Data moves through the POSIX socket layer's calls.
 *
 * <p>Raw descriptor numbers, not the shared {@code LoopbackSockets} kit over a {@code SocketProvider}: the
 * emulation is tested as the C library it stands in for, so {@code kevent} is handed plain integers, and
 * AF_UNIX socket pairs and pipes have no SPI handle at all.
 */
final class Descriptors implements AutoCloseable {

    final SocketCalls calls = LinuxBindings.load().socketCalls();
    private final TestLibc libc = TestLibc.load();
    private final List<Integer> open = new ArrayList<>();
    private final ByteBuffer pair = DirectMemory.allocate(8);
    private final ByteBuffer io = DirectMemory.allocate(65536);

    /** A connected, non-blocking AF_UNIX stream pair. */
    int[] socketpair() {
        int r = libc.socketpair(TestLibc.AF_UNIX, TestLibc.SOCK_STREAM | TestLibc.SOCK_NONBLOCK, 0,
                DirectMemory.address(pair));
        if (r != 0) {
            throw new AssertionError("socketpair failed");
        }
        return track(pair.getInt(0), pair.getInt(4));
    }

    /** A non-blocking pipe: {read end, write end}. */
    int[] pipe() {
        if (libc.pipe2(DirectMemory.address(pair), 0x800) != 0) {
            throw new AssertionError("pipe2 failed");
        }
        return track(pair.getInt(0), pair.getInt(4));
    }

    /** A listening TCP socket on 127.0.0.1, port chosen by the kernel. */
    int listener() throws IOException {
        int fd = calls.openStream(false);
        open.add(fd);
        calls.bind(fd, false, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        calls.listen(fd, 16);
        return fd;
    }

    /** A TCP socket whose connect to {@code port} on 127.0.0.1 has been started. */
    int connecting(int port) throws IOException {
        int fd = calls.openStream(false);
        open.add(fd);
        calls.connect(fd, false, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return fd;
    }

    /** The port a socket is bound to. */
    int port(int fd) throws IOException {
        return calls.localAddress(fd).getPort();
    }

    /** Accepts one connection, waiting for it (bounded by {@link Await#PATIENCE}). */
    int accept(int listener) throws IOException {
        int fd = Await.until("accept on descriptor " + listener, () -> {
            SocketCalls.Accepted accepted = calls.accept(listener);
            return accepted == null ? null : accepted.fd();
        });
        open.add(fd);
        return fd;
    }

    /** Writes {@code n} bytes; returns how many the kernel took. */
    long write(int fd, int n) throws IOException {
        return calls.send(fd, DirectMemory.address(io), Math.min(n, io.capacity()));
    }

    /** Writes until the kernel takes no more; returns the total, bounded by 64 MiB. */
    long fill(int fd) throws IOException {
        long total = 0;
        for (int i = 0; i < 1024; i++) {
            long n = calls.send(fd, DirectMemory.address(io), io.capacity());
            if (n == 0) {
                return total;
            }
            total += n;
        }
        throw new AssertionError("the socket never filled up");
    }

    /** Reads whatever is there (up to 64 KiB); returns the count, 0 if none, -1 at end of stream. */
    long read(int fd) throws IOException {
        return calls.recv(fd, DirectMemory.address(io), io.capacity());
    }

    /** Closes {@code fd} now (it is no longer closed at the end). */
    void close(int fd) {
        open.remove(Integer.valueOf(fd));
        calls.close(fd);
    }

    /** Closes {@code fd} with SO_LINGER {1, 0}, so the peer sees a reset. */
    void reset(int fd) throws IOException {
        calls.setLinger(fd, true, 0);
        close(fd);
    }

    private int[] track(int a, int b) {
        open.add(a);
        open.add(b);
        return new int[] {a, b};
    }

    @Override
    public void close() {
        for (int fd : open) {
            calls.close(fd);
        }
        open.clear();
    }
}
