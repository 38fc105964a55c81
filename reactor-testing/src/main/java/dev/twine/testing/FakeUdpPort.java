package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IUDPTransport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The port {@link MemoryReactor#listenUDP} returns: bound to nothing, it records the datagrams written to it
 * and the address it was connected to. Like Twisted's {@code MemoryReactor}, {@code listenUDP} does not
 * start the protocol; a test that wants it started calls {@code protocol.makeConnection(fakePort)} itself.
 * Not thread-safe.
 */
public final class FakeUdpPort implements IUDPTransport {
    /** One datagram written, with the target given ({@code null} on a connected port). */
    public record Written(byte[] datagram, IAddress addr) {
    }

    private final int port;
    private final String iface;
    private final List<Written> written = new ArrayList<>();
    private IAddress connectedTo;
    private boolean listening = true;

    FakeUdpPort(int port, String iface) {
        this.port = port;
        this.iface = iface;
    }

    /** Every datagram written so far, oldest first (unmodifiable view). */
    public List<Written> written() {
        return Collections.unmodifiableList(written);
    }

    /** The address {@link #connect} was given, or {@code null}. */
    public IAddress connectedTo() {
        return connectedTo;
    }

    /** True until {@link #stopListening()}, and again after {@link #startListening()}. */
    public boolean isListening() {
        return listening;
    }

    /** Records the datagram; returns its length, as a send that went through. */
    @Override
    public int write(byte[] datagram, IAddress addr) {
        written.add(new Written(datagram.clone(), addr));
        return datagram.length;
    }

    @Override
    public void connect(String host, int port) {
        if (connectedTo != null) {
            throw new IllegalStateException("already connected, reconnecting is not supported");
        }
        connectedTo = host.indexOf(':') >= 0 ? new IPv6Address("UDP", host, port) : new IPv4Address("UDP", host, port);
    }

    /** Always 0: nothing is ever dropped in memory. */
    @Override
    public long droppedDatagrams() {
        return 0;
    }

    @Override
    public void startListening() {
        listening = true;
    }

    @Override
    public Deferred<Void> stopListening() {
        listening = false;
        return Deferred.succeed(null);
    }

    /** The interface and port asked for; {@code 0.0.0.0} for every interface. */
    @Override
    public IAddress getHost() {
        return iface.indexOf(':') >= 0 ? new IPv6Address("UDP", iface, port)
                : new IPv4Address("UDP", iface.isEmpty() ? "0.0.0.0" : iface, port);
    }

    @Override
    public String toString() {
        return "<FakeUdpPort " + getHost() + (listening ? "" : " stopped") + ">";
    }
}
