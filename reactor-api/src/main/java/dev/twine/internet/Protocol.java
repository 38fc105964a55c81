package dev.twine.internet;

import dev.twine.defer.Failure;
import java.nio.ByteBuffer;

/**
 * The base class for protocols (Twisted's {@code Protocol}). Override {@link #dataReceived(byte[])}
 * for Twisted's style, or {@link #dataReceived(ByteBuffer)} to read without copying.
 *
 * <p>{@link #transport}, {@link #connected} and {@link #factory} are public fields, as in Twisted, and
 * are set before {@link #connectionMade()} runs.
 */
public class Protocol implements IProtocol {

    /** The connection's transport; set by {@link #makeConnection}. */
    public ITransport transport;
    /** True between {@link #makeConnection} and {@link #connectionLost}. */
    public boolean connected;
    /** The factory that built this protocol, set by {@link Factory#buildProtocol}; may be null. */
    public Factory factory;

    @Override
    public void makeConnection(ITransport transport) {
        this.connected = true;
        this.transport = transport;
        connectionMade();
    }

    @Override
    public void connectionMade() {
    }

    /** Copies the bytes out of the transport's buffer and calls {@link #dataReceived(byte[])}. */
    @Override
    public void dataReceived(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        dataReceived(copy);
    }

    /** Bytes arrived; the array is the protocol's to keep. */
    public void dataReceived(byte[] data) {
    }

    @Override
    public void connectionLost(Failure reason) {
        connected = false;
    }

    /** The transport as a TCP transport (every Twine stream transport is one). */
    protected ITCPTransport tcpTransport() {
        return (ITCPTransport) transport;
    }
}
