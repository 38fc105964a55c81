package dev.twine.backend.epoll;

import dev.twine.nativeio.fault.Call;
import dev.twine.nativeio.fault.Fault;
import dev.twine.nativeio.fault.FaultInjection;
import dev.twine.nativeio.fault.FaultPlan;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.BytePattern;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.PatternSource;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The epoll poller and POSIX sockets over fault-injecting bindings: readiness-driven transfers
 * through injected {@code EAGAIN}, {@code EINTR} (in the socket calls and in {@code epoll_wait}) and
 * short transfers, plus {@code EMFILE} on accept and the idle loop.
 */
class EpollFaultInjectionTest {

    private static final long TEN_MS = TimeUnit.MILLISECONDS.toNanos(10);

    private FaultPlan plan;
    private CountingEpoll counting;
    private EpollPoller poller;
    private LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets;

    @BeforeEach
    void open() throws IOException {
        Platform.assumeLinux();
        plan = FaultPlan.seeded(20240611L).disarm();
        LinuxBindings faulty = FaultInjection.linux(LinuxBindings.load(), plan);
        counting = new CountingEpoll(faulty.epoll());
        LinuxBindings bindings = faulty.withEpoll(counting);
        poller = EpollPoller.open(bindings);
        sockets = LoopbackSockets.over(new PosixSocketProvider(bindings.socketCalls()),
                PosixStreamSocket.class, PosixListeningSocket.class);
    }

    @AfterEach
    void close() throws IOException {
        if (sockets != null) {
            sockets.close();
        }
        if (poller != null) {
            poller.close();
        }
    }

    @Test
    void severalMebibytesDrivenByReadinessArriveIntactThroughInjectedFaults() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        PosixStreamSocket writer = pair[0];
        PosixStreamSocket reader = pair[1];
        plan.on(Call.WRITE).shortIo(0.3).eintr(0.1).eagain(0.15)
                .on(Call.WRITEV).shortIo(0.3).eintr(0.1).eagain(0.15)
                .on(Call.READ).shortIo(0.3).eintr(0.1).eagain(0.15)
                .on(Call.EPOLL_WAIT).eintr(0.2);
        plan.arm();
        int total = 8 * 1024 * 1024;
        // A single direct buffer and a heap + direct gathering write, alternately.
        PatternSource source = new PatternSource(total,
                new ByteBuffer[] {ByteBuffer.allocateDirect(96 * 1024)},
                new ByteBuffer[] {
                    ByteBuffer.allocate(5000), ByteBuffer.allocateDirect(30_000), ByteBuffer.allocate(900)});
        BytePattern received = new BytePattern();
        ByteBuffer into = ByteBuffer.allocateDirect(64 * 1024);
        long[] read = {0};
        poller.register(writer, Readiness.token(writer), Poller.WRITE);
        poller.register(reader, Readiness.token(reader), Poller.READ);
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos() * 3;
        while (read[0] < total) {
            assertTrue(System.nanoTime() < deadline, "finished in time; read " + read[0] + " with " + plan);
            poller.poll(TEN_MS, (token, ops, error) -> {
                try {
                    if (token == Readiness.token(writer) && writer.isOpen() && (ops & Poller.WRITE) != 0) {
                        // Write until the socket (or an injected EAGAIN) says stop, as a transport does.
                        while (source.writeTo(writer) > 0) {
                            continue;
                        }
                        if (source.done()) {
                            poller.deregister(writer, Poller.WRITE);
                        }
                    } else if (token == Readiness.token(reader) && (ops & Poller.READ) != 0) {
                        int n;
                        while ((n = reader.read(into.clear())) > 0) {
                            received.check(into.flip());
                            read[0] += n;
                        }
                        assertTrue(n == 0, "no EOF in the middle");
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertEquals(total, read[0]);
        assertEquals(total, source.written());
        assertTrue(plan.injected(Call.EPOLL_WAIT, Fault.EINTR) > 0, "epoll_wait was interrupted");
        for (Call call : new Call[] {Call.READ, Call.WRITE, Call.WRITEV}) {
            assertTrue(plan.injected(call, Fault.SHORT_IO) > 0 && plan.injected(call, Fault.EAGAIN) > 0
                    && plan.injected(call, Fault.EINTR) > 0, call + " saw every fault: " + plan);
        }
    }

    @Test
    void acceptOutOfDescriptorsLeavesTheListenerReadableUntilItSucceeds() throws IOException {
        PosixListeningSocket listener = sockets.listen();
        poller.register(listener, Readiness.token(listener), Poller.READ);
        plan.on(Call.ACCEPT).emfile(1.0).atMost(1);
        plan.arm();
        PosixStreamSocket client = sockets.open();
        client.connect(listener.localAddress());
        assertEquals(Poller.READ, Readiness.awaitReady(poller, listener));
        SocketErrorException emfile = assertThrows(SocketErrorException.class, listener::accept);
        assertEquals(SocketError.EMFILE, emfile.error());
        assertEquals(Poller.READ, Readiness.poll(poller, TEN_MS).of(listener),
                "the connection is still pending, so the listener is reported again");
        assertNotNull(sockets.track(listener.accept()));
    }

    @Test
    void injectedResetAndBrokenPipeSurfaceWithTheirNames() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.register(pair[1], Readiness.token(pair[1]), Poller.READ);
        pair[0].write(ByteBuffer.wrap(new byte[] {1}));
        Readiness.awaitReady(poller, pair[1]);
        plan.on(Call.READ).econnreset(1.0).on(Call.WRITE).epipe(1.0);
        plan.arm();
        assertEquals(SocketError.ECONNRESET, assertThrows(SocketErrorException.class,
                () -> pair[1].read(ByteBuffer.allocate(4))).error());
        assertEquals(SocketError.EPIPE, assertThrows(SocketErrorException.class,
                () -> pair[0].write(ByteBuffer.allocate(4))).error());
    }

    @Test
    void anIdlePollerWaitsInsteadOfSpinningEvenWhenInterrupted() throws IOException {
        PosixListeningSocket listener = sockets.listen();
        PosixStreamSocket[] pair = sockets.pair();
        poller.register(listener, Readiness.token(listener), Poller.READ);
        poller.register(pair[0], Readiness.token(pair[0]), Poller.READ);
        poller.register(pair[1], Readiness.token(pair[1]), Poller.READ);
        plan.on(Call.EPOLL_WAIT).eintr(0.3);
        plan.arm();
        counting.reset();
        long timeout = TimeUnit.MILLISECONDS.toNanos(200);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int reported = 0;
        while (System.nanoTime() < end) {
            reported += poller.poll(timeout, (token, ops, error) -> { });
        }
        assertEquals(0, reported, "nothing is ready");
        // One second of 200 ms waits is about 5 waits; interrupted waits return at once, so allow
        // for them (30% of calls) and a slow machine, but a spinning loop would make thousands.
        assertTrue(counting.waits <= 20, "waits in one idle second: " + counting.waits);
    }
}
