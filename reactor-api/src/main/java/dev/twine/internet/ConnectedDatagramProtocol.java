package dev.twine.internet;

import dev.twine.defer.Failure;

/**
 * The protocol of a connected UNIX datagram socket (Twisted's {@code ConnectedDatagramProtocol},
 * semantics.md §8.9): every datagram comes from the one peer, so it arrives without a sender, and a failed
 * connect is reported to the protocol rather than thrown.
 *
 * <p><b>Ordering.</b> As {@link DatagramProtocol}: {@code startProtocol} when connected, then
 * {@link #datagramReceived(byte[])} per datagram and {@link #connectionRefused()} when the peer has gone,
 * {@code stopProtocol} after the port closed. If the connect fails, {@link #connectionFailed} is the only
 * call. Reactor thread only.
 */
public abstract class ConnectedDatagramProtocol extends DatagramProtocol {

    /** For subclasses. */
    protected ConnectedDatagramProtocol() {
    }

    /**
     * One datagram arrived from the peer. Does nothing by default.
     *
     * @param datagram truncated to the port's {@code maxPacketSize}; the protocol owns the array
     */
    public void datagramReceived(byte[] datagram) {
    }

    /** Calls {@link #datagramReceived(byte[])}: the sender is always the peer. */
    @Override
    public final void datagramReceived(byte[] data, IAddress addr) {
        datagramReceived(data);
    }

    /**
     * Binding or connecting failed; the port is not listening. Does nothing by default.
     *
     * @param reason a {@link dev.twine.internet.error.CannotListenError} naming the path and the OS's error
     */
    public void connectionFailed(Failure reason) {
    }
}
