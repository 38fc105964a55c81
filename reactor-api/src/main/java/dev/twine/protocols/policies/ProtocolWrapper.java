package dev.twine.protocols.policies;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IProducer;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import java.nio.ByteBuffer;
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
 * <p>Twisted's wrapper proxies any attribute of the transport; Twine forwards all of
 * {@link ITCPTransport}. Half-close is not passed through: a wrapped
 * {@link dev.twine.internet.IHalfCloseableProtocol} sees a half-close as the end of the connection.
 *
 * <p>Threading: reactor thread only.
 */
public class ProtocolWrapper extends Protocol implements ITCPTransport {
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + wrappedProtocol + ")";
    }
}
