package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.internet.IAddress;
import dev.twine.internet.IUNIXDatagramConnectedTransport;
import dev.twine.internet.UNIXAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The port {@link MemoryReactor#listenUNIXDatagram} and {@link MemoryReactor#connectUNIXDatagram} return:
 * bound to nothing, it records the datagrams written to it. Like {@link FakeUdpPort} it does not start the
 * protocol; a test calls {@code protocol.makeConnection(fakePort)} itself. One class serves both calls:
 * {@link #getPeer()} is {@code null} for a listening port. Not thread-safe.
 */
public final class FakeUnixDatagramPort implements IUNIXDatagramConnectedTransport {
    private final UNIXAddress host;
    private final UNIXAddress peer;
    private final List<FakeUdpPort.Written> written = new ArrayList<>();
    private boolean listening = true;

    FakeUnixDatagramPort(String host, String peer) {
        this.host = new UNIXAddress(host == null ? "" : host);
        this.peer = peer == null ? null : new UNIXAddress(peer);
    }

    /** Every datagram written so far, oldest first, with its target ({@code null}: the peer). */
    public List<FakeUdpPort.Written> written() {
        return Collections.unmodifiableList(written);
    }

    /** True until {@link #stopListening()}, and again after {@link #startListening()}. */
    public boolean isListening() {
        return listening;
    }

    /** Records the datagram; returns its length, as a send that went through. */
    @Override
    public int write(byte[] datagram, IAddress addr) {
        written.add(new FakeUdpPort.Written(datagram.clone(), addr));
        return datagram.length;
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

    /** The name asked for ({@code ""} for an unbound client). */
    @Override
    public IAddress getHost() {
        return host;
    }

    /** The name {@code connectUNIXDatagram} was given, {@code null} for {@code listenUNIXDatagram}'s port. */
    @Override
    public IAddress getPeer() {
        return peer;
    }

    @Override
    public String toString() {
        return "<FakeUnixDatagramPort " + host + (peer == null ? "" : " to " + peer) + (listening ? "" : " stopped") + ">";
    }
}
