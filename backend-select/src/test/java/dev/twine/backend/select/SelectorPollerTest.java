package dev.twine.backend.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The select backend's poller and sockets against the {@link Poller} contract, on loopback. */
class SelectorPollerTest {
    private final SelectBackend backend = new SelectBackend();
    private Poller poller;
    private ListeningSocketHandle listener;
    private StreamSocketHandle client;
    private StreamSocketHandle server;

    @BeforeEach
    void connectPair() throws Exception {
        poller = backend.openPoller();
        listener = backend.sockets().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        client = backend.sockets().openStream(StandardProtocolFamily.INET);
        boolean now = client.connect(listener.localAddress());
        poller.setInterest(listener, Poller.READ);
        assertEquals(Poller.READ, pollUntil(listener).getOrDefault(listener, 0) & Poller.READ,
                "a pending connection makes the listener readable");
        server = listener.accept();
        assertNotNull(server);
        if (!now) {
            poller.setInterest(client, Poller.WRITE);
            assertTrue((pollUntil(client).getOrDefault(client, 0) & Poller.WRITE) != 0,
                    "a finished connect is reported as writable");
            assertTrue(client.finishConnect());
            poller.setInterest(client, 0);
        }
    }

    @AfterEach
    void close() throws IOException {
        for (SelectableHandle h : new SelectableHandle[] {client, server, listener}) {
            if (h != null) {
                poller.setInterest(h, 0);
                h.close();
            }
        }
        poller.close();
    }

    private Map<SelectableHandle, Integer> pollUntil(SelectableHandle wanted) throws IOException {
        Map<SelectableHandle, Integer> seen = new HashMap<>();
        for (int i = 0; i < 50 && !seen.containsKey(wanted); i++) {
            poller.poll(100_000_000L, (h, ops) -> seen.merge(h, ops, (a, b) -> a | b));
        }
        return seen;
    }

    private Map<SelectableHandle, Integer> pollOnce() throws IOException {
        Map<SelectableHandle, Integer> seen = new HashMap<>();
        poller.poll(0, (h, ops) -> seen.merge(h, ops, (a, b) -> a | b));
        return seen;
    }

    @Test
    void readinessIsLevelTriggeredUntilTheDataIsRead() throws Exception {
        client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        poller.setInterest(server, Poller.READ);
        assertEquals(Poller.READ, pollUntil(server).get(server) & Poller.READ);
        assertEquals(Poller.READ, pollOnce().get(server) & Poller.READ, "still readable: reported again");
        ByteBuffer buf = ByteBuffer.allocate(64);
        assertEquals(5, server.read(buf));
        assertEquals(0, server.read(buf), "would block is a zero return");
        assertFalse(pollOnce().containsKey(server), "drained: not reported");
    }

    @Test
    void interestZeroStopsReportsAndCanBeRestored() throws Exception {
        client.write(ByteBuffer.wrap(new byte[] {1}));
        poller.setInterest(server, Poller.READ);
        assertTrue(pollUntil(server).containsKey(server));
        poller.setInterest(server, 0);
        assertFalse(pollOnce().containsKey(server));
        poller.setInterest(server, Poller.READ);
        assertTrue(pollOnce().containsKey(server));
    }

    @Test
    void endOfStreamIsReadableAndReadsMinusOne() throws Exception {
        client.shutdownOutput();
        poller.setInterest(server, Poller.READ);
        assertTrue(pollUntil(server).containsKey(server));
        assertEquals(-1, server.read(ByteBuffer.allocate(8)));
    }

    @Test
    void aConnectedSocketIsWritable() throws Exception {
        poller.setInterest(server, Poller.WRITE);
        assertEquals(Poller.WRITE, pollUntil(server).get(server));
    }

    @Test
    void wakeupFromAnotherThreadEndsAnInfiniteWait() throws Exception {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.wakeup();
        });
        t.start();
        assertEquals(0, poller.poll(-1, (h, ops) -> { }));
        t.join(10_000);
    }

    @Test
    void resetByPeerIsReportedAsEconnreset() throws Exception {
        client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        client.abort();
        client = null;
        poller.setInterest(server, Poller.READ);
        assertTrue(pollUntil(server).containsKey(server));
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> {
            ByteBuffer buf = ByteBuffer.allocate(64);
            for (int i = 0; i < 10; i++) {
                if (server.read(buf) < 0) {
                    break;
                }
            }
        });
        assertEquals("ECONNRESET", e.errnoName());
    }

    @Test
    void connectingToAPortWithNoListenerFailsWithEconnrefused() throws Exception {
        // A socket bound but not listening holds the port, so no other process can take it meanwhile.
        StreamSocketHandle holder = backend.sockets().openStream(StandardProtocolFamily.INET);
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        StreamSocketHandle s = backend.sockets().openStream(StandardProtocolFamily.INET);
        try {
            SocketErrorException e = assertThrows(SocketErrorException.class, () -> {
                if (!s.connect(holder.localAddress())) {
                    poller.setInterest(s, Poller.WRITE);
                    pollUntil(s);
                    s.finishConnect();
                }
            });
            assertEquals("ECONNREFUSED", e.errnoName(), e.toString());
        } finally {
            poller.setInterest(s, 0);
            s.close();
            holder.close();
        }
    }

    @Test
    void aHandleOfAnotherBackendIsRejected() {
        SelectableHandle foreign = new SelectableHandle() {
            public int fileno() { return 3; }
            public boolean isOpen() { return true; }
            public void close() { }
            public Object reactorSlot() { return null; }
            public void reactorSlot(Object slot) { }
        };
        assertThrows(IllegalArgumentException.class, () -> poller.setInterest(foreign, Poller.READ));
    }
}
