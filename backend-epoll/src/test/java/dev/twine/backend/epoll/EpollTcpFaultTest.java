package dev.twine.backend.epoll;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.nativeio.fault.Call;
import dev.twine.nativeio.fault.Fault;
import dev.twine.nativeio.fault.FaultInjection;
import dev.twine.nativeio.fault.FaultPlan;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.testfixtures.BytePattern;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole reactor (loop, shared TCP transport, epoll poller, POSIX sockets) over fault-injecting
 * bindings and real loopback sockets.
 */
class EpollTcpFaultTest {

    /** A test that has not finished by then has failed; the reactor is stopped so the test can say so. */
    private static final double GIVE_UP_SECONDS = 90;

    private FaultPlan plan;
    private CountingEpoll counting;
    private ReactorBase reactor;
    private boolean gaveUp;

    @BeforeEach
    void build() {
        Platform.assumeLinux();
        plan = FaultPlan.seeded(7_340_033L).disarm();
        LinuxBindings faulty = FaultInjection.linux(LinuxBindings.load(), plan);
        counting = new CountingEpoll(faulty.epoll());
        reactor = new ReactorBase(new EpollBackend(faulty.withEpoll(counting)));
        reactor.callLater(GIVE_UP_SECONDS, () -> {
            gaveUp = true;
            reactor.stop();
        });
    }

    @AfterEach
    void close() {
        if (reactor != null) {
            reactor.close();
        }
    }

    private void runUntilStopped() {
        reactor.run();
        assertTrue(!gaveUp, "the scenario finished within " + GIVE_UP_SECONDS + " s; " + plan);
    }

    private int port(IListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    @Test
    void severalMebibytesThroughTheReactorArriveIntactDespiteInjectedFaults() {
        int total = 6 * 1024 * 1024;
        plan.on(Call.WRITE).shortIo(0.3).eintr(0.1).eagain(0.1)
                .on(Call.WRITEV).shortIo(0.3).eintr(0.1).eagain(0.1)
                .on(Call.READ).shortIo(0.3).eintr(0.1).eagain(0.1)
                .on(Call.EPOLL_WAIT).eintr(0.05);
        Checker server = new Checker(total);
        IListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(() -> server), 50, "127.0.0.1");
        List<Failure> clientLost = new ArrayList<>();
        reactor.connectTCP("127.0.0.1", port(listening), new ClientFactory(() -> new Protocol() {
            private final BytePattern pattern = new BytePattern();
            private int sent;

            @Override
            public void connectionMade() {
                plan.arm();
                sendSome();
            }

            /**
             * Writes a few chunks of odd sizes per reactor iteration, so the transport flushes many
             * times: one chunk at a time (write) and, when faults left some behind, several (writev).
             */
            private void sendSome() {
                for (int i = 0; i < 3 && sent < total; i++) {
                    byte[] chunk = new byte[Math.min(total - sent, 1 + (sent * 31) % 20_011)];
                    pattern.fill(chunk);
                    transport.write(chunk);
                    sent += chunk.length;
                }
                if (sent < total) {
                    reactor.callLater(0, this::sendSome);
                } else {
                    transport.loseConnection();
                }
            }

            @Override
            public void connectionLost(Failure reason) {
                clientLost.add(reason);
            }
        }));
        server.onLost = reactor::stop;
        runUntilStopped();
        assertEquals(total, server.received);
        assertNotNull(server.lost);
        assertEquals(ConnectionDone.class, server.lost.type(), "clean close after the last byte");
        assertEquals(1, clientLost.size());
        for (Fault fault : new Fault[] {Fault.SHORT_IO, Fault.EINTR, Fault.EAGAIN}) {
            assertTrue(plan.injected(Call.READ, fault) > 0, "reads saw " + fault + ": " + plan);
            // The transport sends a queue of chunks with writev, a single chunk with write.
            assertTrue(plan.injected(Call.WRITE, fault) + plan.injected(Call.WRITEV, fault) > 0,
                    "writes saw " + fault + ": " + plan);
        }
        assertTrue(plan.injected(Call.EPOLL_WAIT, Fault.EINTR) > 0, "epoll_wait interrupted: " + plan);
    }

    @Test
    void aResetWhileReadingLosesTheConnectionUncleanlyNamingEconnreset() {
        Checker server = new Checker(Integer.MAX_VALUE);
        IListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(() -> server), 50, "127.0.0.1");
        server.onData = () -> {
            plan.on(Call.READ).econnreset(1.0);
            plan.arm();
        };
        server.onLost = reactor::stop;
        reactor.connectTCP("127.0.0.1", port(listening), new ClientFactory(() -> new Protocol() {
            private final BytePattern pattern = new BytePattern();

            @Override
            public void connectionMade() {
                send();
                // More bytes after the fault is armed, so the server has something to read.
                reactor.callLater(0.05, this::send);
            }

            private void send() {
                byte[] bytes = new byte[100];
                pattern.fill(bytes);
                transport.write(bytes);
            }
        }));
        runUntilStopped();
        assertEquals(ConnectionLost.class, server.lost.type());
        assertTrue(server.lost.getErrorMessage().contains("ECONNRESET"), server.lost.getErrorMessage());
    }

    @Test
    void aBrokenPipeWhileWritingLosesTheConnectionUncleanlyNamingEpipe() {
        Failure[] lost = new Failure[1];
        IListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                plan.on(Call.WRITE).epipe(1.0).on(Call.WRITEV).epipe(1.0);
                plan.arm();
                transport.write(new byte[1000]);
            }

            @Override
            public void connectionLost(Failure reason) {
                lost[0] = reason;
                reactor.stop();
            }
        }), 50, "127.0.0.1");
        reactor.connectTCP("127.0.0.1", port(listening), new ClientFactory(Protocol::new));
        runUntilStopped();
        assertEquals(ConnectionLost.class, lost[0].type());
        assertTrue(lost[0].getErrorMessage().contains("EPIPE"), lost[0].getErrorMessage());
    }

    @Test
    void runningOutOfDescriptorsInAcceptDoesNotStopTheServer() {
        plan.on(Call.ACCEPT).emfile(1.0).atMost(1);
        plan.arm();
        int[] served = {0};
        IListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                served[0]++;
                transport.write(new byte[] {'!'});
                transport.loseConnection();
            }
        }), 50, "127.0.0.1");
        int port = port(listening);
        // The first client meets the EMFILE (the server may shed it); a later one must be served.
        reactor.connectTCP("127.0.0.1", port, new ClientFactory(Protocol::new));
        reactor.callLater(0.5, () -> reactor.connectTCP("127.0.0.1", port, new ClientFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                reactor.stop();
            }
        })));
        runUntilStopped();
        assertEquals(1, plan.injected(Call.ACCEPT, Fault.EMFILE));
        assertTrue(served[0] >= 1, "a client was served after EMFILE");
    }

    @Test
    void anIdleReactorSleepsInsteadOfPolling() {
        Checker server = new Checker(Integer.MAX_VALUE);
        IListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(() -> server), 50, "127.0.0.1");
        reactor.connectTCP("127.0.0.1", port(listening), new ClientFactory(Protocol::new));
        // Give the connection time to settle, then count the waits of one idle second.
        boolean[] idle = new boolean[1];
        reactor.callLater(0.5, () -> {
            counting.reset();
            reactor.callLater(1.0, () -> {
                idle[0] = server.made && server.lost == null;
                reactor.stop();
            });
        });
        runUntilStopped();
        assertTrue(idle[0], "the connection was made and stayed open while idle");
        // The loop wakes for the two timers and the stop; a spinning loop would wait thousands of times.
        assertTrue(counting.waits <= 10, "epoll_wait calls in one idle second: " + counting.waits);
    }

    /** A server protocol that checks the pattern and records how the connection ended. */
    private static final class Checker extends Protocol {
        private final int expected;
        private final BytePattern pattern = new BytePattern();
        boolean made;
        long received;
        Failure lost;
        Runnable onData = () -> { };
        Runnable onLost = () -> { };

        Checker(int expected) {
            this.expected = expected;
        }

        @Override
        public void connectionMade() {
            made = true;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received += data.remaining();
            assertTrue(received <= expected, "no duplicated bytes");
            pattern.check(data);
            onData.run();
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
            onLost.run();
        }
    }
}
