package dev.twine.application;

import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import dev.twine.internet.endpoints.TCP4ServerEndpoint;
import dev.twine.internet.error.CannotListenError;
import dev.twine.testing.FakePort;
import dev.twine.testing.MemoryReactor;
import org.junit.jupiter.api.Test;

/**
 * StreamServerEndpointService (semantics.md §3.17), after Twisted's {@code test_application.TestInternet2}
 * endpoint-service tests.
 */
class StreamServerEndpointServiceTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final ServerFactory factory = new ServerFactory();

    @Test
    void listensInThePrivilegedStepAndStopsListeningWhenStopped() {
        StreamServerEndpointService service = new StreamServerEndpointService(
                new TCP4ServerEndpoint(reactor, 8123, 7, "127.0.0.1"), factory);
        service.privilegedStartService();
        service.startService();
        assertEquals(1, reactor.tcpServers().size(), "startService does not listen a second time");
        FakePort port = reactor.tcpServers().get(0).fakePort();
        assertSame(port, service.getPort());
        successResultOf(service.stopService());
        assertTrue(!port.isListening(), "the port is closed");
        assertNull(service.getPort());
    }

    @Test
    void startServiceListensIfThePrivilegedStepWasSkipped() {
        StreamServerEndpointService service = new StreamServerEndpointService(new TCP4ServerEndpoint(reactor, 0), factory);
        service.startService();
        assertEquals(1, reactor.tcpServers().size());
    }

    @Test
    void aListenThatFailsAtOnceThrowsFromStart() {
        CannotListenError inUse = new CannotListenError("127.0.0.1", 80, new RuntimeException("EADDRINUSE"));
        IStreamServerEndpoint failing = f -> Deferred.fail(inUse);
        StreamServerEndpointService service = new StreamServerEndpointService(failing, factory);
        assertSame(inUse, assertThrows(CannotListenError.class, service::privilegedStartService));
        assertNull(service.getPort());
    }

    @Test
    void stoppingWhileTheListenIsPendingCancelsIt() {
        boolean[] cancelled = {false};
        Deferred<IListeningPort> pending = new Deferred<>(d -> cancelled[0] = true);
        StreamServerEndpointService service = new StreamServerEndpointService(f -> pending, factory);
        service.startService();
        successResultOf(service.stopService());
        assertTrue(cancelled[0]);
    }
}
