package dev.twine.protocols.policies;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.IProducer;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ISSLTransport;
import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ssl.IContextFactory;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A protocol that stands between a transport and another protocol (Twisted's
 * {@code twisted.protocols.policies.ProtocolWrapper}, semantics.md §3.5): to the transport it is the
 * protocol, to the wrapped protocol it is the transport. Every call is passed on unchanged; subclasses
 * override the ones they watch (bytes read, bytes written, the end of the connection).
 *
 * <p>Order: {@link #makeConnection} registers this wrapper with its {@link WrappingFactory}, then calls
 * the wrapped protocol's {@code makeConnection} with this wrapper as its transport;
 * {@link #connectionLost} unregisters it, then passes the reason on.
 *
 * <p>Twisted's wrapper takes on every interface of its transport and proxies any attribute of it; Twine
 * forwards all of {@link ISSLTransport}, which every Twine TCP transport implements, so a protocol behind
 * any wrapper (a {@link TimeoutFactory} on a {@code listenSSL} port, say) still reads the peer's certificate
 * and the ALPN protocol, and can {@code startTLS}, on the real connection. Over a transport without TLS (the
 * test doubles) the TLS answers are those of a connection that never started TLS, and {@code startTLS}
 * throws {@link UnsupportedOperationException} naming that transport. Neither half-close nor
 * {@link dev.twine.internet.IUNIXTransport} is passed through: a wrapped
 * {@link dev.twine.internet.IHalfCloseableProtocol} sees a half-close as the end of the connection.
 *
 * <p>Threading: reactor thread only.
 */
public class ProtocolWrapper extends Protocol implements ISSLTransport, IHandshakeListener {
    /** The protocol this wrapper passes everything to. */
    public final IProtocol wrappedProtocol;
    /** The factory that built this wrapper (also in {@link Protocol#factory}). */
    protected final WrappingFactory wrappingFactory;

    public ProtocolWrapper(WrappingFactory factory, IProtocol wrappedProtocol) {
        this.wrappingFactory = Objects.requireNonNull(factory, "factory");
        this.factory = factory;
        this.wrappedProtocol = Objects.requireNonNull(wrappedProtocol, "wrappedProtocol");
    }

    @Override
    public void makeConnection(ITransport transport) {
        super.makeConnection(transport);
        wrappingFactory.registerProtocol(this);
        wrappedProtocol.makeConnection(this);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        wrappedProtocol.dataReceived(data);
    }

    /** Passes the TLS handshake's completion on to the wrapped protocol, if it listens for it (semantics.md §4.1). */
    @Override
    public void handshakeCompleted() {
        if (wrappedProtocol instanceof IHandshakeListener listener) {
            listener.handshakeCompleted();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        wrappingFactory.unregisterProtocol(this);
        wrappedProtocol.connectionLost(reason);
    }

    // -- ITransport, passed on to the real transport --

    @Override
    public void write(byte[] data) {
        transport.write(data);
    }

    @Override
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public void writeSequence(Iterable<byte[]> data) {
        transport.writeSequence(data);
    }

    @Override
    public void loseConnection() {
        transport.loseConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return transport.isDisconnecting();
    }

    @Override
    public IAddress getPeer() {
        return transport.getPeer();
    }

    @Override
    public IAddress getHost() {
        return transport.getHost();
    }

    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        transport.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        transport.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
        transport.pauseProducing();
    }

    @Override
    public void resumeProducing() {
        transport.resumeProducing();
    }

    @Override
    public void stopProducing() {
        transport.stopProducing();
    }

    // -- ITCPTransport --

    @Override
    public void loseWriteConnection() {
        tcpTransport().loseWriteConnection();
    }

    @Override
    public void abortConnection() {
        tcpTransport().abortConnection();
    }

    @Override
    public boolean getTcpNoDelay() {
        return tcpTransport().getTcpNoDelay();
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        tcpTransport().setTcpNoDelay(enabled);
    }

    @Override
    public boolean getTcpKeepAlive() {
        return tcpTransport().getTcpKeepAlive();
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        tcpTransport().setTcpKeepAlive(enabled);
    }

    // -- ISSLTransport: TLS runs in the transport underneath, never in a wrapper (semantics.md §3.5) --

    /**
     * Starts TLS on the transport underneath, so every wrapper between it and the protocol that asked sees
     * plaintext afterwards.
     *
     * @throws UnsupportedOperationException if that transport cannot run TLS (a test double)
     * @throws IllegalStateException         as the transport's {@code startTLS} does
     */
    @Override
    public void startTLS(IContextFactory contextFactory, boolean normal) {
        if (!(transport instanceof ISSLTransport tls)) {
            throw new UnsupportedOperationException("cannot start TLS: the transport under " + this + ", "
                    + transport.getClass().getName() + ", has no TLS");
        }
        tls.startTLS(contextFactory, normal);
    }

    @Override
    public Certificate getPeerCertificate() {
        return transport instanceof ISSLTransport tls ? tls.getPeerCertificate() : null;
    }

    @Override
    public List<Certificate> getPeerCertificates() {
        return transport instanceof ISSLTransport tls ? tls.getPeerCertificates() : List.of();
    }

    @Override
    public String negotiatedProtocol() {
        return transport instanceof ISSLTransport tls ? tls.negotiatedProtocol() : null;
    }

    @Override
    public String serverName() {
        return transport instanceof ISSLTransport tls ? tls.serverName() : null;
    }

    @Override
    public String tlsVersion() {
        return transport instanceof ISSLTransport tls ? tls.tlsVersion() : null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + wrappedProtocol + ")";
    }
}
