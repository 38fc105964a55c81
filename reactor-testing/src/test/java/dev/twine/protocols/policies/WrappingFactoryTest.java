package dev.twine.protocols.policies;

import static dev.twine.protocols.policies.PolicyFixtures.PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ISSLTransport;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.testing.StringTransport;
import dev.twine.protocols.policies.PolicyFixtures.Recorder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WrappingFactory and ProtocolWrapper (Twisted's {@code test_policies.WrapperTests}, semantics.md §3.5). */
class WrappingFactoryTest {

    @Test
    void theWrappedProtocolSeesTheWrapperAsItsTransportAndEverythingPassesThrough() {
        Recorder inner = new Recorder();
        WrappingFactory f = new WrappingFactory(Factory.forProtocol(() -> inner));
        StringTransport t = new StringTransport();
        ProtocolWrapper w = (ProtocolWrapper) f.buildProtocol(PEER);
        w.makeConnection(t);
        assertSame(w, inner.transport);
        assertEquals(List.of("connectionMade"), inner.events);
        assertEquals(List.of(w), List.copyOf(f.protocols()));

        w.dataReceived(ByteBuffer.wrap("in".getBytes()));
        assertEquals("in", inner.received.toString());
        inner.transport.write("out".getBytes());
        assertEquals("out", new String(t.value()));
        assertEquals(t.getPeer(), inner.transport.getPeer());
        inner.transport.loseConnection();
        assertTrue(t.isDisconnecting());
        assertTrue(inner.transport.isDisconnecting());

        w.connectionLost(new Failure(new ConnectionDone()));
        assertEquals("connectionLost ConnectionDone", inner.events.get(1));
        assertTrue(f.protocols().isEmpty(), "unregistered when the connection ends");
    }

    /**
     * A wrapper passes TLS on to its transport (semantics.md §3.5); a test double has none, so the wrapper
     * answers as a connection that never started TLS, and refuses {@code startTLS} naming the double.
     */
    @Test
    void overATransportWithoutTlsTheWrapperAnswersAsAConnectionThatNeverStartedTls() {
        Recorder inner = new Recorder();
        ProtocolWrapper w = (ProtocolWrapper) new WrappingFactory(Factory.forProtocol(() -> inner)).buildProtocol(PEER);
        w.makeConnection(new StringTransport());

        ISSLTransport seen = assertInstanceOf(ISSLTransport.class, inner.transport);
        assertNull(seen.getPeerCertificate());
        assertEquals(List.of(), seen.getPeerCertificates());
        assertNull(seen.negotiatedProtocol());
        assertNull(seen.serverName());
        assertNull(seen.tlsVersion());
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> seen.startTLS(CertificateOptions.builder().build()));
        assertTrue(refused.getMessage().contains(StringTransport.class.getName()), refused.getMessage());
    }

    @Test
    void aRefusalByTheWrappedFactoryIsARefusal() {
        WrappingFactory f = new WrappingFactory(new Factory() {
            @Override
            public IProtocol buildProtocol(dev.twine.internet.IAddress addr) {
                return null;
            }
        });
        assertNull(f.buildProtocol(PEER));
    }

    @Test
    void startingAndStoppingPassToTheWrappedFactory() {
        List<String> calls = new ArrayList<>();
        Factory inner = new Factory() {
            @Override
            public void startFactory() {
                calls.add("start");
            }

            @Override
            public void stopFactory() {
                calls.add("stop");
            }
        };
        inner.noisy = false;
        WrappingFactory f = new WrappingFactory(inner);
        f.noisy = false;
        f.doStart();
        f.doStop();
        assertEquals(List.of("start", "stop"), calls);
    }

    @Test
    void clientCallbacksPassToAWrappedClientFactory() {
        List<String> calls = new ArrayList<>();
        ClientFactory inner = new ClientFactory() {
            @Override
            public void startedConnecting(IConnector connector) {
                calls.add("started");
            }

            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                calls.add("failed " + reason.type().getSimpleName());
            }

            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                calls.add("lost " + reason.type().getSimpleName());
            }
        };
        WrappingFactory f = new WrappingFactory(inner);
        f.startedConnecting(null);
        f.clientConnectionFailed(null, new Failure(new ConnectionRefusedError()));
        f.clientConnectionLost(null, new Failure(new ConnectionDone()));
        assertEquals(List.of("started", "failed ConnectionRefusedError", "lost ConnectionDone"), calls);
    }

    @Test
    void subclassesChooseTheirWrapper() {
        WrappingFactory f = new TimeoutFactory(new dev.twine.internet.task.Clock(), Factory.forProtocol(Recorder::new));
        assertInstanceOf(TimeoutProtocol.class, f.buildProtocol(PEER));
    }
}
