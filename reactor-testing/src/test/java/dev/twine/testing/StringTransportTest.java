package dev.twine.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.error.ConnectionAborted;
import dev.twine.internet.error.ConnectionDone;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringTransportTest {

    @Test
    void recordsEveryWriteInOrderUntilCleared() {
        StringTransport t = new StringTransport();
        t.write("ab".getBytes(US_ASCII));
        t.write(ByteBuffer.wrap("cd".getBytes(US_ASCII)));
        t.writeSequence(List.of("e".getBytes(US_ASCII), "f".getBytes(US_ASCII)));
        assertArrayEquals("abcdef".getBytes(US_ASCII), t.value());
        t.clear();
        assertEquals("", t.valueAsString());
        t.write("g".getBytes(US_ASCII));
        assertEquals("g", t.valueAsString());
    }

    @Test
    void writingAByteBufferLeavesItsPositionAlone() {
        ByteBuffer b = ByteBuffer.wrap("xyz".getBytes(US_ASCII));
        new StringTransport().write(b);
        assertEquals(0, b.position());
    }

    @Test
    void loseConnectionOnlySetsDisconnecting() {
        StringTransport t = new StringTransport();
        AccumulatingProtocol p = new AccumulatingProtocol();
        p.makeConnection(t);
        t.loseConnection();
        assertTrue(t.isDisconnecting());
        assertEquals(0, p.closed, "the test decides when connectionLost follows");
    }

    @Test
    void abortConnectionIsRecordedAndDisconnects() {
        StringTransport t = new StringTransport();
        t.abortConnection();
        assertTrue(t.isAborted());
        assertTrue(t.isDisconnecting());
    }

    @Test
    void aSecondProducerIsRefusedUntilTheFirstIsUnregistered() {
        StringTransport t = new StringTransport();
        t.registerProducer(IdleProducer.INSTANCE, true);
        assertSame(IdleProducer.INSTANCE, t.producer());
        assertTrue(t.isStreaming());
        assertThrows(IllegalStateException.class, () -> t.registerProducer(IdleProducer.INSTANCE, false));
        t.unregisterProducer();
        assertNull(t.producer());
        assertThrows(IllegalStateException.class, t::unregisterProducer);
    }

    @Test
    void producerStateFollowsPauseResumeAndStopAndStopIsFinal() {
        StringTransport t = new StringTransport();
        assertEquals(ProducerState.PRODUCING, t.producerState());
        t.pauseProducing();
        assertEquals(ProducerState.PAUSED, t.producerState());
        t.resumeProducing();
        assertEquals(ProducerState.PRODUCING, t.producerState());
        t.stopProducing();
        assertEquals(ProducerState.STOPPED, t.producerState());
        assertThrows(IllegalStateException.class, t::resumeProducing);
    }

    @Test
    void addressesAreTwistedsDefaultsOrTheOnesGiven() {
        StringTransport t = new StringTransport();
        assertEquals(new IPv4Address("TCP", "10.0.0.1", 12345), t.getHost());
        assertEquals(new IPv4Address("TCP", "192.168.1.1", 54321), t.getPeer());
        IPv4Address host = new IPv4Address("TCP", "127.0.0.1", 1);
        IPv4Address peer = new IPv4Address("TCP", "127.0.0.1", 2);
        StringTransport custom = new StringTransport(host, peer);
        assertEquals(host, custom.getHost());
        assertEquals(peer, custom.getPeer());
    }

    @Test
    void aLineReceiverIsTestedWithoutSockets() {
        StringTransport t = new StringTransport();
        LineEcho echo = new LineEcho();
        echo.makeConnection(t);
        echo.dataReceived("hel".getBytes(US_ASCII));
        echo.dataReceived("lo\r\nquit\r\n".getBytes(US_ASCII));
        assertEquals("hello\r\n", t.valueAsString());
        assertTrue(t.isDisconnecting());
    }

    @Test
    void withDisconnectionLoseConnectionCallsConnectionLostOnce() {
        StringTransportWithDisconnection t = new StringTransportWithDisconnection();
        AccumulatingProtocol p = t.connect(new AccumulatingProtocol());
        assertEquals(1, p.made);
        t.loseConnection();
        t.loseConnection();
        assertEquals(1, p.closed);
        assertTrue(p.closedReason.value() instanceof ConnectionDone);
        assertFalse(t.isConnected());
    }

    @Test
    void withDisconnectionAbortReportsConnectionAborted() {
        StringTransportWithDisconnection t = new StringTransportWithDisconnection();
        AccumulatingProtocol p = t.connect(new AccumulatingProtocol());
        t.abortConnection();
        assertTrue(p.closedReason.value() instanceof ConnectionAborted);
    }

    @Test
    void withDisconnectionNeedsItsProtocol() {
        StringTransportWithDisconnection t = new StringTransportWithDisconnection();
        assertThrows(IllegalStateException.class, t::loseConnection);
    }
}
