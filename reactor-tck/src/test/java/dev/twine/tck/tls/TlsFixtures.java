package dev.twine.tck.tls;

import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.nio.charset.StandardCharsets;
import dev.twine.internet.ISSLTransport;
import dev.twine.internet.ITransport;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.testfixtures.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;

/**
 * What the TLS conformance tests share: loopback, the test identities of {@link TestCertificates}, and
 * the two usual context factories (a server presenting {@code localhost}, a client trusting only the test
 * CA and checking the host name).
 */
final class TlsFixtures {
    static final String LOOPBACK = "127.0.0.1";
    /** Generous: the machine running the suite may be loaded; no test relies on speed. */
    static final double TIMEOUT = 60;

    private TlsFixtures() {
    }

    static TestCertificates certs() {
        return TestCertificates.get();
    }

    /** A server presenting the CA-issued {@code localhost} certificate. */
    static CertificateOptions serverOptions() {
        return CertificateOptions.forServer(certs().server());
    }

    /** A client for {@code localhost} that trusts only the test CA. */
    static ClientTLSOptions clientOptions() {
        return ClientTLSOptions.optionsForClientTLS("localhost", certs().trustRoot());
    }

    static int portOf(IListeningPort port) {
        return port.getHost().port();
    }

    /** The simple class name of a failure's exception, e.g. {@code "ConnectionDone"}. */
    static String name(Failure reason) {
        return reason.type().getSimpleName();
    }

    static byte[] pattern(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ISSLTransport ssl(ITransport transport) {
        return (ISSLTransport) transport;
    }

    /** The subject CN of the peer's leaf certificate, or {@code null}. */
    static String peerName(ITransport transport) {
        X509Certificate c = (X509Certificate) ssl(transport).getPeerCertificate();
        return c == null ? null : c.getSubjectX500Principal().getName();
    }

    /** Collects bytes. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void add(byte[] data) {
            out.writeBytes(data);
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** Stops the reactor after {@code n} ticks, once every port has stopped listening. */
    static Countdown stopAfter(int n, IReactor reactor, IListeningPort... ports) {
        return new Countdown(n, () -> {
            for (IListeningPort p : ports) {
                if (p != null) {
                    p.stopListening();
                }
            }
            reactor.callLater(0.05, reactor::stop);
        });
    }

    /**
     * A protocol that records {@code who made}, {@code who data TEXT} and {@code who lost NAME} into shared
     * events, keeps the loss reason, and ticks a countdown when the connection is lost.
     */
    static class Recording extends Protocol {
        final Events events;
        final String who;
        final Runnable onLost;
        Failure reason;

        Recording(Events events, String who, Runnable onLost) {
            this.events = events;
            this.who = who;
            this.onLost = onLost;
        }

        @Override
        public void connectionMade() {
            events.add(who + " made");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add(who + " data " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void connectionLost(Failure r) {
            reason = r;
            events.add(who + " lost " + name(r));
            onLost.run();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
