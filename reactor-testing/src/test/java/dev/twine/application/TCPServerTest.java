package dev.twine.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.ServerFactory;
import dev.twine.testing.FakePort;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.TcpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCPServer listens while it runs (Twisted's {@code test_application.TestInternet2}). */
class TCPServerTest {

    @Test
    void listensInThePrivilegedStepWithTheGivenArguments() {
        MemoryReactor reactor = new MemoryReactor();
        ServerFactory factory = new ServerFactory();
        TCPServer server = new TCPServer(reactor, 8123, factory, 7, "127.0.0.1");
        server.privilegedStartService();
        assertEquals(1, reactor.tcpServers().size());
        TcpServer listen = reactor.tcpServers().get(0);
        assertEquals(8123, listen.port());
        assertSame(factory, listen.factory());
        assertEquals(7, listen.backlog());
        assertEquals("127.0.0.1", listen.iface());
        server.startService();
        assertEquals(1, reactor.tcpServers().size(), "startService must not listen a second time");
        assertSame(listen.fakePort(), server.getPort());
    }

    @Test
    void startServiceAloneStillListens() {
        MemoryReactor reactor = new MemoryReactor();
        TCPServer server = new TCPServer(reactor, 0, new ServerFactory());
        server.startService();
        assertEquals(1, reactor.tcpServers().size());
        assertEquals("", reactor.tcpServers().get(0).iface());
        assertTrue(server.running());
    }

    @Test
    void stopServiceFiresWhenThePortHasClosed() {
        MemoryReactor reactor = new MemoryReactor();
        TCPServer server = new TCPServer(reactor, 0, new ServerFactory());
        server.privilegedStartService();
        server.startService();
        FakePort port = reactor.tcpServers().get(0).fakePort();
        port.holdStopListening();
        List<String> done = new ArrayList<>();
        Deferred<Void> d = server.stopService();
        d.addCallback(v -> done.add("closed"));
        assertFalse(server.running());
        assertNull(server.getPort());
        assertEquals(List.of(), done);
        port.stopping().callback(null);
        assertEquals(List.of("closed"), done);
    }
}
