package dev.twine.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.Protocol;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.testfixtures.LogCapture;
import dev.twine.testfixtures.TestCertificates;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code TLSMemoryBIOFactory} does without a reactor (semantics.md §4.10): its log prefix, its role,
 * the wrapper it builds, and a transport that cannot start TLS. The TLS itself runs on real sockets in the
 * conformance suite ({@code TlsMemoryBIOFactoryTest}, {@code GroupSslPortTest}).
 */
class TLSMemoryBIOFactoryTest {
    private static CertificateOptions serverOptions() {
        return CertificateOptions.forServer(TestCertificates.get().server());
    }

    /** A factory with its own prefix, as Twisted's {@code test_logPrefix} uses {@code ServerFactory}'s. */
    private static final class Named extends Factory {
        Named(List<String> calls) {
            super(() -> new Protocol() {
                @Override
                public void makeConnection(dev.twine.internet.ITransport transport) {
                    calls.add("makeConnection");
                    super.makeConnection(transport);
                }

                @Override
                public void connectionLost(Failure reason) {
                    calls.add("connectionLost");
                }
            });
        }

        @Override
        public String logPrefix() {
            return "Echo";
        }
    }

    /** A factory that is no {@code ILoggingContext}, as Twisted's {@code test_logPrefixFallback} uses. */
    private static final class NoPrefix implements IProtocolFactory {
        @Override
        public IProtocol buildProtocol(IAddress addr) {
            return new Protocol();
        }

        @Override
        public void doStart() {
        }

        @Override
        public void doStop() {
        }
    }

    @Test
    void theLogPrefixIsTheWrappedFactorysWithTls() {
        assertEquals("Echo (TLS)", new TLSMemoryBIOFactory(serverOptions(), false, new Named(new ArrayList<>()))
                .logPrefix());
        assertEquals("NoPrefix (TLS)", new TLSMemoryBIOFactory(serverOptions(), false, new NoPrefix()).logPrefix());
    }

    @Test
    void theRoleIsTheOneGiven() {
        assertTrue(new TLSMemoryBIOFactory(serverOptions(), true, new NoPrefix()).isClient());
        assertFalse(new TLSMemoryBIOFactory(serverOptions(), false, new NoPrefix()).isClient());
    }

    @Test
    void eachProtocolIsWrappedInATlsMemoryBioProtocol() {
        IProtocol built = new TLSMemoryBIOFactory(serverOptions(), false, new NoPrefix()).buildProtocol(null);
        TLSMemoryBIOProtocol wrapper = assertInstanceOf(TLSMemoryBIOProtocol.class, built);
        assertInstanceOf(Protocol.class, wrapper.wrappedProtocol);
        assertFalse(wrapper.isWrapping(), "not connected yet");
    }

    @Test
    void aTransportThatCannotStartTlsIsAbortedLoggedAndNeverReachesTheWrappedProtocol() {
        List<String> calls = new ArrayList<>();
        TLSMemoryBIOFactory factory = new TLSMemoryBIOFactory(serverOptions(), false, new Named(calls));
        TLSMemoryBIOProtocol wrapper = (TLSMemoryBIOProtocol) factory.buildProtocol(null);
        StringTransport transport = new StringTransport();
        try (LogCapture log = LogCapture.of("dev.twine.protocols.tls")) {
            wrapper.makeConnection(transport);
            assertEquals(1, log.containing("Echo (TLS): TLSMemoryBIOFactory needs the reactor's own transport, one that can start TLS")
                    .size(), log.records().toString());
        }
        assertTrue(transport.isAborted(), "the connection is aborted");
        assertFalse(wrapper.isWrapping());
        assertTrue(factory.protocols().isEmpty(), "a refused connection is not registered");

        wrapper.connectionLost(new Failure(new ConnectionLost("aborted")));
        assertEquals(List.of(), calls, "the wrapped protocol heard nothing, not even connectionLost");
        assertNull(((Protocol) wrapper.wrappedProtocol).transport);
    }
}
