package dev.twine.backend.epoll;

import dev.twine.defer.Failure;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.nativeio.fault.Call;
import dev.twine.nativeio.fault.Fault;
import dev.twine.nativeio.fault.FaultInjection;
import dev.twine.nativeio.fault.FaultPlan;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.BytePattern;
import dev.twine.testfixtures.PatternSource;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real reactor loop ({@link ReactorBase}) on the epoll backend over fault-injecting bindings and
 * real loopback sockets, driven through {@code IReactorFDSet} with raw descriptors: the same code a
 * user writes with {@code reactor.sockets()}, {@code addReader} and {@code addWriter}.
 */
class EpollReactorFaultTest {

    /** A scenario that has not finished by then has failed; the reactor is stopped so the test can say so. */
    private static final double GIVE_UP_SECONDS = 90;

    private FaultPlan plan;
    private CountingEpoll counting;
    private ReactorBase reactor;
    private PosixSocketProvider sockets;
    private boolean gaveUp;
    private final List<SelectableHandle> opened = new ArrayList<>();

    @BeforeEach
    void build() {
        Platform.assumeLinux();
        plan = FaultPlan.seeded(7_340_033L).disarm();
        LinuxBindings faulty = FaultInjection.linux(LinuxBindings.load(), plan);
        counting = new CountingEpoll(faulty.epoll());
        reactor = new ReactorBase(new EpollBackend(faulty.withEpoll(counting)));
        sockets = (PosixSocketProvider) reactor.sockets();
        reactor.callLater(GIVE_UP_SECONDS, () -> {
            gaveUp = true;
            reactor.stop();
        });
    }

    @AfterEach
    void close() throws IOException {
        if (reactor != null) {
            reactor.close();
        }
        for (SelectableHandle handle : opened) {
            handle.close();
        }
    }

    private void runUntilStopped() {
        reactor.run();
        assertFalse(gaveUp, "the scenario finished within " + GIVE_UP_SECONDS + " s; " + plan);
    }

    private PosixStreamSocket connectTo(Acceptor acceptor) throws IOException {
        PosixStreamSocket client = sockets.openStream(StandardProtocolFamily.INET);
        opened.add(client);
        client.connect(acceptor.listener.localAddress());
        return client;
    }

    @Test
    void severalMebibytesThroughTheReactorArriveIntactDespiteInjectedFaults() throws IOException {
        int total = 8 * 1024 * 1024;
        Acceptor acceptor = new Acceptor();
        Sender sender = new Sender(connectTo(acceptor), total);
        plan.on(Call.WRITE).shortIo(0.3).eintr(0.1).eagain(0.1)
                .on(Call.WRITEV).shortIo(0.3).eintr(0.1).eagain(0.1)
                .on(Call.READ).shortIo(0.3).eintr(0.1).eagain(0.1)
                .on(Call.ACCEPT).eintr(0.5)
                .on(Call.EPOLL_WAIT).eintr(0.05);
        plan.arm();
        reactor.addWriter(sender);
        runUntilStopped();
        Receiver receiver = acceptor.receivers.get(0);
        assertEquals(total, receiver.received, "every byte once, in order (checked on arrival)");
        assertInstanceOf(ConnectionDone.class, receiver.lost.value(), "clean end of stream after the last byte");
        for (Fault fault : new Fault[] {Fault.SHORT_IO, Fault.EINTR, Fault.EAGAIN}) {
            assertTrue(plan.injected(Call.READ, fault) > 0, "reads saw " + fault + ": " + plan);
            assertTrue(plan.injected(Call.WRITE, fault) + plan.injected(Call.WRITEV, fault) > 0,
                    "writes saw " + fault + ": " + plan);
        }
        assertTrue(plan.injected(Call.EPOLL_WAIT, Fault.EINTR) > 0, "epoll_wait was interrupted: " + plan);
    }

    @Test
    void aResetWhileReadingReachesConnectionLostAsEconnreset() throws IOException {
        Acceptor acceptor = new Acceptor();
        acceptor.onData = () -> {
            plan.on(Call.READ).econnreset(1.0);
            plan.arm();
        };
        Sender sender = new Sender(connectTo(acceptor), 100_000);
        sender.source.chunksOf(100);
        reactor.addWriter(sender);
        runUntilStopped();
        Failure lost = acceptor.receivers.get(0).lost;
        SocketErrorException reset = assertInstanceOf(SocketErrorException.class, lost.value());
        assertEquals(SocketError.ECONNRESET, reset.error());
    }

    @Test
    void aBrokenPipeWhileWritingReachesConnectionLostAsEpipe() throws IOException {
        Acceptor acceptor = new Acceptor();
        Sender sender = new Sender(connectTo(acceptor), 1_000_000);
        plan.on(Call.WRITE).epipe(1.0).on(Call.WRITEV).epipe(1.0);
        plan.arm();
        sender.onLost = reactor::stop;
        reactor.addWriter(sender);
        runUntilStopped();
        SocketErrorException broken = assertInstanceOf(SocketErrorException.class, sender.lost.value());
        assertEquals(SocketError.EPIPE, broken.error());
    }

    @Test
    void runningOutOfDescriptorsInAcceptKeepsTheConnectionPendingUntilAcceptSucceeds() throws IOException {
        Acceptor acceptor = new Acceptor();
        plan.on(Call.ACCEPT).emfile(1.0).atMost(3);
        plan.arm();
        Sender sender = new Sender(connectTo(acceptor), 10);
        reactor.addWriter(sender);
        runUntilStopped();
        assertEquals(3, acceptor.refusals, "each EMFILE surfaced from accept");
        assertEquals(3, plan.injected(Call.ACCEPT, Fault.EMFILE));
        assertEquals(10, acceptor.receivers.get(0).received, "the level-triggered listener was retried");
    }

    @Test
    void anIdleReactorSleepsInsteadOfPolling() throws IOException {
        Acceptor acceptor = new Acceptor();
        PosixStreamSocket client = connectTo(acceptor);
        plan.on(Call.EPOLL_WAIT).eintr(0.2);
        boolean[] idle = new boolean[1];
        // Let the connection be accepted, then count the waits of one idle second.
        reactor.callLater(0.5, () -> {
            plan.arm();
            counting.reset();
            reactor.callLater(1.0, () -> {
                idle[0] = acceptor.receivers.size() == 1 && acceptor.receivers.get(0).lost == null;
                reactor.stop();
            });
        });
        runUntilStopped();
        assertTrue(client.isOpen());
        assertTrue(idle[0], "the connection was accepted and stayed open while idle");
        // The loop wakes for its timers and for interrupted waits; a spinning loop would make thousands.
        assertTrue(counting.waits <= 15, "epoll_wait calls in one idle second: " + counting.waits);
    }

    /** Accepts connections on a loopback listener and gives each a {@link Receiver}. */
    private final class Acceptor implements IReadDescriptor {
        final PosixListeningSocket listener;
        final List<Receiver> receivers = new ArrayList<>();
        Runnable onData = () -> { };
        int refusals;

        Acceptor() throws IOException {
            listener = sockets.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            opened.add(listener);
            reactor.addReader(this);
        }

        @Override
        public Exception doRead() {
            try {
                PosixStreamSocket accepted;
                while ((accepted = listener.accept()) != null) {
                    opened.add(accepted);
                    Receiver receiver = new Receiver(accepted, onData);
                    receivers.add(receiver);
                    reactor.addReader(receiver);
                }
            } catch (SocketErrorException e) {
                if (e.error() != SocketError.EMFILE) {
                    return e;
                }
                // Out of descriptors: the connection stays queued and the listener readable, so the
                // next iteration tries again.
                refusals++;
            } catch (IOException e) {
                return e;
            }
            return null;
        }

        @Override
        public SelectableHandle handle() {
            return listener;
        }

        @Override
        public void connectionLost(Failure reason) {
        }

        @Override
        public String logPrefix() {
            return "Acceptor";
        }
    }

    /** Reads and checks the pattern until end of stream, then stops the reactor. */
    private final class Receiver implements IReadDescriptor {
        private final PosixStreamSocket socket;
        private final Runnable onData;
        private final BytePattern pattern = new BytePattern();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        long received;
        Failure lost;

        Receiver(PosixStreamSocket socket, Runnable onData) {
            this.socket = socket;
            this.onData = onData;
        }

        @Override
        public Exception doRead() {
            try {
                int n;
                while ((n = socket.read(buffer.clear())) > 0) {
                    pattern.check(buffer.flip());
                    received += n;
                    onData.run();
                }
                return n < 0 ? Main.CONNECTION_DONE : null;
            } catch (IOException e) {
                return e;
            }
        }

        @Override
        public SelectableHandle handle() {
            return socket;
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
            reactor.stop();
        }

        @Override
        public String logPrefix() {
            return "Receiver";
        }
    }

    /**
     * Writes the pattern while writable, alternating a single direct buffer with a heap + direct
     * gathering write; at the end shuts its output down and removes itself.
     */
    private final class Sender implements IWriteDescriptor {
        private final PosixStreamSocket socket;
        final PatternSource source;
        Failure lost;
        Runnable onLost = () -> { };

        Sender(PosixStreamSocket socket, long total) {
            this.socket = socket;
            this.source = new PatternSource(total,
                    new ByteBuffer[] {ByteBuffer.allocateDirect(96 * 1024)},
                    new ByteBuffer[] {
                        ByteBuffer.allocate(5000), ByteBuffer.allocateDirect(30_000), ByteBuffer.allocate(900)});
        }

        @Override
        public Exception doWrite() {
            try {
                while (source.writeTo(socket) > 0) {
                    continue;
                }
                if (source.done()) {
                    reactor.removeWriter(this);
                    socket.shutdownOutput();
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        }

        @Override
        public SelectableHandle handle() {
            return socket;
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
            onLost.run();
        }

        @Override
        public String logPrefix() {
            return "Sender";
        }
    }
}
