package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.ssl.IContextFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryReactorTest {

    @Test
    void listenTcpIsRecordedAndReturnsAFakePort() {
        MemoryReactor reactor = new MemoryReactor();
        Factory factory = Factory.forProtocol(AccumulatingProtocol::new);
        IListeningPort port = reactor.listenTCP(8080, factory, 7, "127.0.0.1");
        TcpServer recorded = reactor.tcpServers().get(0);
        assertEquals(new TcpServer(8080, factory, 7, "127.0.0.1", (FakePort) port), recorded);
        assertEquals(new IPv4Address("TCP", "127.0.0.1", 8080), port.getHost());
        assertTrue(recorded.fakePort().isListening());
        assertTrue(port.stopListening().called());
        assertFalse(recorded.fakePort().isListening());
    }

    @Test
    void listenUnixIsRecordedAndItsPortReportsTheUnixAddress() {
        MemoryReactor reactor = new MemoryReactor();
        Factory factory = Factory.forProtocol(AccumulatingProtocol::new);
        IListeningPort port = reactor.listenUNIX("/tmp/x.sock", factory, 5, 0600, true);
        assertEquals(new UnixServer("/tmp/x.sock", factory, 5, 0600, true, (FakePort) port), reactor.unixServers().get(0));
        assertEquals(new UNIXAddress("/tmp/x.sock"), port.getHost());
        assertTrue(reactor.tcpServers().isEmpty());
    }

    @Test
    void connectUnixIsRecordedAndTellsTheFactoryItStartedConnecting() {
        MemoryReactor reactor = new MemoryReactor();
        List<IConnector> started = new ArrayList<>();
        ClientFactory factory = new ClientFactory(AccumulatingProtocol::new) {
            @Override
            public void startedConnecting(IConnector connector) {
                started.add(connector);
            }
        };
        IConnector c = reactor.connectUNIX("/tmp/x.sock", factory, 9, true);
        assertEquals(new UnixClient("/tmp/x.sock", factory, 9, true, (FakeConnector) c), reactor.unixClients().get(0));
        assertEquals(new UNIXAddress("/tmp/x.sock"), c.getDestination());
        assertEquals(List.of(c), started);
        assertEquals(List.of(c), reactor.connectors());
    }

    @Test
    void aHeldPortStopsWhenTheTestFiresItsDeferred() {
        FakePort port = (FakePort) new MemoryReactor().listenTCP(0, new Factory(AccumulatingProtocol::new));
        port.holdStopListening();
        Deferred<Void> stopping = port.stopListening();
        assertFalse(stopping.called());
        stopping.callback(null);
        assertTrue(port.stopping().called());
    }

    @Test
    void connectTcpIsRecordedAndTellsTheFactoryItStartedConnecting() {
        MemoryReactor reactor = new MemoryReactor();
        List<IConnector> started = new ArrayList<>();
        ClientFactory factory = new ClientFactory(AccumulatingProtocol::new) {
            @Override
            public void startedConnecting(IConnector connector) {
                started.add(connector);
            }
        };
        IConnector c = reactor.connectTCP("example.com", 80, factory, 5, null);
        TcpClient recorded = reactor.tcpClients().get(0);
        assertEquals("example.com", recorded.host());
        assertEquals(80, recorded.port());
        assertEquals(5, recorded.timeout());
        assertSame(c, recorded.connector());
        assertEquals(List.of(c), started);
        assertEquals(List.of(c), reactor.connectors());
        assertEquals(new IPv4Address("TCP", "example.com", 80), c.getDestination());
        c.stopConnecting();
        assertTrue(((FakeConnector) c).stoppedConnecting());
    }

    @Test
    void listenSslAndConnectSslAreRecordedWithTheirContextFactory() {
        MemoryReactor reactor = new MemoryReactor();
        IContextFactory tls = (client, host, port) -> {
            throw new AssertionError("a memory reactor never makes an engine");
        };
        Factory server = Factory.forProtocol(AccumulatingProtocol::new);
        IListeningPort port = reactor.listenSSL(8443, server, tls, 9, "127.0.0.1");
        assertEquals(new SslServer(8443, server, tls, 9, "127.0.0.1", (FakePort) port), reactor.sslServers().get(0));
        assertTrue(reactor.tcpServers().isEmpty(), "listenSSL is not listenTCP");

        List<IConnector> started = new ArrayList<>();
        ClientFactory client = new ClientFactory(AccumulatingProtocol::new) {
            @Override
            public void startedConnecting(IConnector connector) {
                started.add(connector);
            }
        };
        IConnector c = reactor.connectSSL("example.com", 443, client, tls, 4, null);
        SslClient recorded = reactor.sslClients().get(0);
        assertEquals("example.com", recorded.host());
        assertEquals(443, recorded.port());
        assertSame(tls, recorded.contextFactory());
        assertEquals(4, recorded.timeout());
        assertSame(c, recorded.connector());
        assertEquals(List.of(c), started);
        assertEquals(List.of(c), reactor.connectors());
        assertTrue(reactor.tcpClients().isEmpty(), "connectSSL is not connectTCP");
    }

    @Test
    void runRunsTheWhenRunningHooksThenStops() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> seen = new ArrayList<>();
        reactor.callWhenRunning(() -> seen.add("first"));
        reactor.callWhenRunning(() -> seen.add("second"));
        reactor.run();
        assertEquals(List.of("first", "second"), seen);
        assertTrue(reactor.hasRun());
        assertTrue(reactor.hasStopped());
        assertFalse(reactor.running());
    }

    @Test
    void aRemovedWhenRunningHookDoesNotRun() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> seen = new ArrayList<>();
        var id = reactor.callWhenRunning(() -> seen.add("removed"));
        reactor.callWhenRunning(() -> seen.add("kept"));
        reactor.removeSystemEventTrigger(id);
        reactor.run();
        assertEquals(List.of("kept"), seen);
    }

    @Test
    void shutdownWaitsForBeforeTriggerDeferredsThenRunsDuringAndAfter() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> seen = new ArrayList<>();
        Deferred<Void> slow = new Deferred<>();
        reactor.addSystemEventTrigger(Phase.AFTER, "shutdown", () -> seen.add("after"));
        reactor.addSystemEventTrigger(Phase.DURING, "shutdown", () -> seen.add("during"));
        reactor.addSystemEventTrigger(Phase.BEFORE, "shutdown", () -> {
            seen.add("before");
            return slow;
        });
        reactor.stop();
        assertEquals(List.of("before"), seen);
        slow.callback(null);
        assertEquals(List.of("before", "during", "after"), seen);
    }

    @Test
    void aRemovedTriggerDoesNotRunAndCannotBeRemovedTwice() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> seen = new ArrayList<>();
        var id = reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> seen.add("ran"));
        reactor.removeSystemEventTrigger(id);
        reactor.fireSystemEvent("custom");
        assertEquals(List.of(), seen);
        assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(id));
    }

    @Test
    void memoryReactorClockSchedulesOnItsOwnTime() {
        MemoryReactorClock reactor = new MemoryReactorClock();
        List<Double> fired = new ArrayList<>();
        reactor.callLater(2, () -> fired.add(reactor.seconds()));
        reactor.advance(1);
        assertEquals(List.of(), fired);
        assertEquals(1, reactor.getDelayedCalls().size());
        reactor.advance(1);
        assertEquals(List.of(2.0), fired);
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }
}
