package dev.twine.backend.epoll;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.base.ReactorBase;
import dev.twine.nativeio.fault.Call;
import dev.twine.nativeio.fault.Fault;
import dev.twine.nativeio.fault.FaultInjection;
import dev.twine.nativeio.fault.FaultPlan;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The UDP port (semantics.md §7) on the epoll backend over fault-injecting bindings: a full send buffer drops
 * the datagram and counts it, a signal is retried, and "nothing queued after all" ends a read pass quietly.
 */
class EpollUdpFaultTest {

    private static final double GIVE_UP_SECONDS = 30;

    private FaultPlan plan;
    private ReactorBase reactor;
    private boolean gaveUp;

    @BeforeEach
    void build() {
        Platform.assumeLinux();
        plan = FaultPlan.seeded(4_099L).disarm();
        reactor = new ReactorBase(new EpollBackend(FaultInjection.linux(LinuxBindings.load(), plan)));
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

    /** Records datagrams; stops the reactor once {@code expected} have arrived. */
    private final class Sink extends DatagramProtocol {
        final List<String> received = new ArrayList<>();
        int expected;
        IUDPTransport other;

        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            received.add(new String(data, StandardCharsets.US_ASCII));
            if (received.size() == expected) {
                IUDPTransport self = transport;
                other.stopListening().addBoth(x -> self.stopListening()).addBoth(x -> {
                    reactor.stop();
                    return null;
                });
            }
        }
    }

    @Test
    void aFullSendBufferDropsTheDatagramCountsItAndTheNextOneGoesOut() {
        Sink sink = new Sink();
        List<Integer> results = new ArrayList<>();
        IUDPTransport[] sender = new IUDPTransport[1];
        reactor.callWhenRunning(() -> {
            IUDPTransport receiver = reactor.listenUDP(0, sink, "127.0.0.1", 8192);
            sender[0] = reactor.listenUDP(0, new Sink(), "127.0.0.1", 8192);
            sink.other = sender[0];
            sink.expected = 3;
            plan.on(Call.SENDTO).eagain(1.0).atMost(2);
            plan.arm();
            for (String s : new String[] {"dropped-1", "dropped-2", "a", "b", "c"}) {
                results.add(sender[0].write(s.getBytes(StandardCharsets.US_ASCII), receiver.getHost()));
            }
        });
        reactor.run();
        assertFalse(gaveUp, "the datagrams arrived within " + GIVE_UP_SECONDS + " s; " + plan);
        assertEquals(List.of(0, 0, 1, 1, 1), results);
        assertEquals(2, sender[0].droppedDatagrams());
        assertEquals(List.of("a", "b", "c"), sink.received);
    }

    @Test
    void interruptedSendsAndReceivesAreRetriedAndSpuriousEmptyReadsAreHarmless() {
        Sink sink = new Sink();
        IUDPTransport[] sender = new IUDPTransport[1];
        int count = 50;
        reactor.callWhenRunning(() -> {
            IUDPTransport receiver = reactor.listenUDP(0, sink, "127.0.0.1", 8192);
            sender[0] = reactor.listenUDP(0, new Sink(), "127.0.0.1", 8192);
            sink.other = sender[0];
            sink.expected = count;
            plan.on(Call.SENDTO).eintr(0.3).on(Call.RECVFROM).eintr(0.2).eagain(0.2);
            plan.arm();
            for (int i = 0; i < count; i++) {
                sender[0].write(Integer.toString(i).getBytes(StandardCharsets.US_ASCII), receiver.getHost());
            }
        });
        reactor.run();
        assertFalse(gaveUp, "the datagrams arrived within " + GIVE_UP_SECONDS + " s; " + plan);
        assertEquals(0, sender[0].droppedDatagrams());
        assertEquals(count, sink.received.size());
        for (int i = 0; i < count; i++) {
            assertEquals(Integer.toString(i), sink.received.get(i));
        }
        assertFalse(plan.injected(Call.SENDTO, Fault.EINTR) == 0, "sendto was interrupted: " + plan);
        assertFalse(plan.injected(Call.RECVFROM, Fault.EAGAIN) == 0, "recvfrom found nothing spuriously: " + plan);
    }
}
