package dev.twine.nativeio.fault;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.BytePattern;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.PatternSource;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The POSIX socket handles over fault-injecting bindings, without a poller: the error policy above
 * the decorator must turn every injected fault into the right outcome.
 */
class FaultInjectingSocketsTest {

    private static final long PATIENCE_NANOS = 60_000_000_000L;

    private FaultPlan plan;
    private PosixSocketProvider provider;
    private LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets;
    private PosixListeningSocket listener;

    @BeforeEach
    void bind() throws IOException {
        Platform.assumeLinux();
        plan = FaultPlan.seeded(42).disarm();
        provider = new PosixSocketProvider(FaultInjection.linux(LinuxBindings.load(), plan).socketCalls());
        sockets = LoopbackSockets.over(provider, PosixStreamSocket.class, PosixListeningSocket.class);
        listener = sockets.listen();
    }

    @AfterEach
    void closeAll() throws IOException {
        if (sockets != null) {
            sockets.close();
        }
    }

    /** A connected pair through the test's listener, so faults armed before it apply to its calls. */
    private PosixStreamSocket[] pair() throws IOException {
        return sockets.pairVia(listener);
    }

    @Test
    void severalMebibytesSurviveEagainEintrAndShortTransfersIntact() throws IOException {
        PosixStreamSocket[] pair = pair();
        plan.on(Call.WRITE).shortIo(0.3).eintr(0.2).eagain(0.1)
                .on(Call.WRITEV).shortIo(0.3).eintr(0.2).eagain(0.1)
                .on(Call.READ).shortIo(0.3).eintr(0.2).eagain(0.1);
        plan.arm();
        int total = 6 * 1024 * 1024;
        // A direct buffer, a heap buffer, then a heap + direct gathering write, in turn.
        PatternSource writer = new PatternSource(total,
                new ByteBuffer[] {ByteBuffer.allocateDirect(48 * 1024)},
                new ByteBuffer[] {ByteBuffer.allocate(20 * 1024)},
                new ByteBuffer[] {ByteBuffer.allocate(3000), ByteBuffer.allocateDirect(7000)});
        BytePattern received = new BytePattern();
        ByteBuffer readHeap = ByteBuffer.allocate(32 * 1024);
        ByteBuffer readDirect = ByteBuffer.allocateDirect(24 * 1024);
        long read = 0;
        int round = 0;
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (read < total) {
            assertTrue(System.nanoTime() < deadline, "transfer finished in time, read " + read);
            writer.writeTo(pair[0]);
            ByteBuffer into = (round++ & 1) == 0 ? readHeap : readDirect;
            into.clear();
            int n = pair[1].read(into);
            assertTrue(n >= 0, "no EOF in the middle");
            into.flip();
            received.check(into);
            read += n;
        }
        assertEquals(total, writer.written());
        assertEquals(total, read);
        for (Call call : new Call[] {Call.WRITE, Call.READ}) {
            for (Fault fault : new Fault[] {Fault.SHORT_IO, Fault.EINTR, Fault.EAGAIN}) {
                assertTrue(plan.injected(call, fault) > 10, call + " saw " + fault + ": " + plan.injected(call, fault));
            }
        }
        assertTrue(plan.injected(Call.WRITEV) > 10, "writev saw faults");
    }

    /**
     * Sends the pattern through a direct buffer, then a heap buffer, then a heap + direct gathering
     * write, in turn: each batch is written to the end, across as many partial writes as it takes,
     * before the next batch is filled, so the stream order is the pattern order.
     */

    @Test
    void injectedResetFailsTheReadWithEconnreset() throws IOException {
        PosixStreamSocket[] pair = pair();
        plan.on(Call.READ).econnreset(1.0);
        plan.arm();
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> pair[1].read(ByteBuffer.allocate(8)));
        assertEquals(SocketError.ECONNRESET, e.error());
    }

    @Test
    void injectedBrokenPipeFailsWritesWithEpipe() throws IOException {
        PosixStreamSocket[] pair = pair();
        plan.on(Call.WRITE).epipe(1.0).on(Call.WRITEV).epipe(1.0);
        plan.arm();
        assertEquals(SocketError.EPIPE, assertThrows(SocketErrorException.class,
                () -> pair[0].write(ByteBuffer.allocate(8))).error());
        ByteBuffer[] two = {ByteBuffer.allocate(4), ByteBuffer.allocateDirect(4)};
        assertEquals(SocketError.EPIPE, assertThrows(SocketErrorException.class, () -> pair[0].write(two, 0, 2)).error());
        assertEquals(4, two[0].remaining(), "nothing consumed by a failed write");
    }

    @Test
    void acceptOutOfDescriptorsFailsWithEmfileThenRecovers() throws IOException {
        plan.on(Call.ACCEPT).emfile(1.0).atMost(2);
        plan.arm();
        PosixStreamSocket client = provider.openStream(StandardProtocolFamily.INET);
        sockets.track(client);
        client.connect(listener.localAddress());
        assertEquals(SocketError.EMFILE, assertThrows(SocketErrorException.class, listener::accept).error());
        assertEquals(SocketError.EMFILE, assertThrows(SocketErrorException.class, listener::accept).error());
        PosixStreamSocket accepted = null;
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (accepted == null && System.nanoTime() < deadline) {
            accepted = listener.accept();
        }
        assertNotNull(accepted, "the pending connection was still there");
        sockets.track(accepted);
    }

    @Test
    void socketOutOfDescriptorsFailsWithEmfile() {
        plan.on(Call.SOCKET).emfile(1.0);
        plan.arm();
        assertEquals(SocketError.EMFILE, assertThrows(SocketErrorException.class,
                () -> provider.openStream(StandardProtocolFamily.INET)).error());
    }

    @Test
    void interruptedAcceptIsRetriedAndInterruptedConnectIsInProgress() throws IOException {
        plan.on(Call.CONNECT).eintr(0.99).on(Call.ACCEPT).eintr(0.9);
        plan.arm();
        PosixStreamSocket[] pair = pair();
        assertTrue(plan.injected(Call.CONNECT, Fault.EINTR) >= 1 || plan.calls(Call.CONNECT) == 1);
        assertFalse(pair[0].remoteAddress() == null, "the interrupted connect completed");
        assertEquals(pair[0].localAddress(), pair[1].remoteAddress());
    }
}
