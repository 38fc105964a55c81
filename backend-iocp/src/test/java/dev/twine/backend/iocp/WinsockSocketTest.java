package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.SocketIo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.twine.testfixtures.SocketIo.readAscii;
import static dev.twine.testfixtures.SocketIo.writeFully;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Winsock socket handles honour the SPI: non-blocking, "would block" as a return value, errors with
 * POSIX names. Runs on Windows (and under Wine via {@code .ci/wine/run-tck.sh}).
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "Winsock needs Windows; run .ci/wine/run-tck.sh to test it under Wine")
class WinsockSocketTest {
    private LoopbackSockets<StreamSocketHandle, ListeningSocketHandle> net;

    @BeforeEach
    void open() {
        net = LoopbackSockets.over(new WinsockSocketProvider(new WinsockCalls(Win32.get())));
    }

    @AfterEach
    void close() throws IOException {
        net.close();
    }

    @Test
    void bytesWrittenOnOneSideAreReadOnTheOther() throws IOException {
        StreamSocketHandle[] p = net.pair();
        writeFully(p[0], "ping");
        assertEquals("ping", readAscii(p[1], 4));
        writeFully(p[1], "pong");
        assertEquals("pong", readAscii(p[0], 4));
    }

    @Test
    void aDirectBufferIsWrittenFromItsPosition() throws IOException {
        StreamSocketHandle[] p = net.pair();
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        b.put("xxdirect".getBytes(StandardCharsets.US_ASCII)).flip().position(2);
        while (b.hasRemaining()) {
            p[0].write(b);
        }
        assertEquals("direct", readAscii(p[1], 6));
    }

    @Test
    void aGatheringWriteSendsTheBuffersInOrderAndAdvancesThem() throws IOException {
        StreamSocketHandle[] p = net.pair();
        ByteBuffer[] parts = {
            ByteBuffer.wrap("skip".getBytes(StandardCharsets.US_ASCII)),
            ByteBuffer.wrap("one,".getBytes(StandardCharsets.US_ASCII)),
            ByteBuffer.allocateDirect(4).put("two,".getBytes(StandardCharsets.US_ASCII)).flip(),
            ByteBuffer.wrap("three".getBytes(StandardCharsets.US_ASCII)),
        };
        long written = 0;
        for (int i = 0; i < 1000 && written < 13; i++) {
            written += p[0].write(parts, 1, 3);
        }
        assertEquals(13, written);
        assertEquals(4, parts[0].remaining(), "buffers outside the range are untouched");
        assertFalse(parts[3].hasRemaining());
        assertEquals("one,two,three", readAscii(p[1], 13));
    }

    @Test
    void readingWithNothingAvailableReturnsZero() throws IOException {
        StreamSocketHandle[] p = net.pair();
        assertEquals(0, p[1].read(ByteBuffer.allocate(16)));
    }

    @Test
    void acceptingWithNothingPendingReturnsNull() throws IOException {
        assertNull(net.listen().accept());
    }

    @Test
    void writingUntilTheBuffersAreFullEventuallyReturnsZero() throws IOException {
        StreamSocketHandle[] p = net.pair();
        ByteBuffer chunk = ByteBuffer.allocateDirect(256 * 1024);
        boolean blocked = false;
        for (int i = 0; i < 4096 && !blocked; i++) {
            chunk.clear();
            blocked = p[0].write(chunk) == 0;
        }
        assertTrue(blocked, "the peer never reads, so the send buffer must fill");
    }

    @Test
    void shutdownOutputGivesThePeerEndOfStreamAndKeepsTheOtherDirection() throws IOException {
        StreamSocketHandle[] p = net.pair();
        writeFully(p[0], "bye");
        p[0].shutdownOutput();
        assertEquals("bye", readAscii(p[1], 3));
        assertEquals(-1, SocketIo.readUntilEof(p[1]));
        writeFully(p[1], "ok");
        assertEquals("ok", readAscii(p[0], 2));
    }

    @Test
    void writingAfterShutdownOutputIsEpipe() throws IOException {
        StreamSocketHandle[] p = net.pair();
        p[0].shutdownOutput();
        SocketErrorException e = assertThrows(SocketErrorException.class,
                () -> p[0].write(ByteBuffer.wrap(new byte[] {1})));
        assertEquals(SocketError.EPIPE, e.error());
    }

    @Test
    void readingAfterShutdownInputIsEndOfStream() throws IOException {
        StreamSocketHandle[] p = net.pair();
        p[1].shutdownInput();
        assertEquals(-1, SocketIo.readUntilEof(p[1]));
    }

    @Test
    void abortMakesThePeerSeeTheConnectionEnd() throws IOException {
        StreamSocketHandle[] p = net.pair();
        p[0].abort();
        assertFalse(p[0].isOpen());
        assertEquals(-1, p[0].fileno());
        // Windows reports ECONNRESET; Wine 8 reports end of stream (native.md §5.1).
        try {
            assertEquals(-1, SocketIo.readUntilEof(p[1]));
        } catch (SocketErrorException e) {
            assertEquals(SocketError.ECONNRESET, e.error());
        }
    }

    @Test
    void addressesAreTheBoundAndThePeerOnes() throws IOException {
        ListeningSocketHandle l = net.listen();
        InetSocketAddress server = l.localAddress();
        assertEquals(InetAddress.getLoopbackAddress(), server.getAddress());
        assertTrue(server.getPort() > 0);
        StreamSocketHandle c = net.open();
        c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        assertNull(c.remoteAddress(), "not connected yet");
        c.connect(server);
        StreamSocketHandle a = net.accept(l);
        assertEquals(c.localAddress(), a.remoteAddress());
        assertEquals(server, a.localAddress());
    }

    @Test
    void tcpNoDelayAndKeepAliveCanBeSetAndRead() throws IOException {
        StreamSocketHandle s = net.open();
        s.setTcpNoDelay(true);
        assertTrue(s.getTcpNoDelay());
        s.setTcpNoDelay(false);
        assertFalse(s.getTcpNoDelay());
        s.setKeepAlive(true);
        assertTrue(s.getKeepAlive());
    }

    @Test
    void listeningOnAPortInUseIsEaddrinuse() throws IOException {
        InetSocketAddress taken = net.listen().localAddress();
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> net.provider().listen(taken, 5));
        assertEquals(SocketError.EADDRINUSE, e.error());
    }

    @Test
    void ipv6LoopbackWorksWhenTheHostHasIt() throws IOException {
        InetSocketAddress any6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        ListeningSocketHandle l;
        try {
            l = net.provider().listen(any6, 5);
        } catch (SocketErrorException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try {
            StreamSocketHandle c = net.provider().openStream(StandardProtocolFamily.INET6);
            try {
                c.connect(l.localAddress());
                StreamSocketHandle a = net.accept(l);
                writeFully(c, "six");
                assertEquals("six", readAscii(a, 3));
                assertEquals(l.localAddress(), a.localAddress());
            } finally {
                c.close();
            }
        } finally {
            l.close();
        }
    }

    @Test
    void callsOnAClosedSocketAreEbadf() throws IOException {
        StreamSocketHandle s = net.open();
        s.close();
        s.close();
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> s.read(ByteBuffer.allocate(1)));
        assertEquals(SocketError.EBADF, e.error());
    }
}
