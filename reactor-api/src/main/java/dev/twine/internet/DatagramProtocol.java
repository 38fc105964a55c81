package dev.twine.internet;

/**
 * The base class of UDP protocols (Twisted's {@code AbstractDatagramProtocol} and
 * {@code DatagramProtocol}, semantics.md §7).
 *
 * <p><b>Ordering.</b> {@code listenUDP} calls {@link #makeConnection}, which sets {@link #transport} and
 * calls {@link #doStart()}; the first {@code doStart} of an instance calls {@link #startProtocol()}. Then
 * {@link #datagramReceived} once per datagram, and {@link #connectionRefused()} on a connected port. When
 * the port closes it calls {@link #doStop()}, which clears {@link #transport} and calls
 * {@link #stopProtocol()} once the last port using this protocol has stopped. The counting lets one
 * instance serve several ports, as Twisted's {@code numPorts} does.
 *
 * <p>Threading: every method is called on the reactor thread of the port. An exception thrown from a
 * callback is logged by the port, which keeps reading.
 */
public abstract class DatagramProtocol implements ILoggingContext {
    /** The port this protocol is connected to, or {@code null} before and after. */
    protected IUDPTransport transport;
    private int numPorts;

    /** For subclasses. */
    protected DatagramProtocol() {
    }

    /**
     * Connects this protocol to a port: sets {@link #transport}, then {@link #doStart()}. If
     * {@code startProtocol} throws, {@link #transport} is cleared again and the exception propagates.
     *
     * @throws IllegalStateException if already connected to a port (Twisted asserts the same)
     */
    public final void makeConnection(IUDPTransport port) {
        if (transport != null) {
            throw new IllegalStateException(this + " is already connected to " + transport);
        }
        transport = port;
        try {
            doStart();
        } catch (RuntimeException | Error e) {
            transport = null;
            throw e;
        }
    }

    /** Counts a port starting; the first calls {@link #startProtocol()}. Called by {@link #makeConnection}. */
    public final void doStart() {
        if (numPorts == 0) {
            startProtocol();
        }
        numPorts++;
    }

    /**
     * Counts a port stopping: clears {@link #transport}, and the last one calls {@link #stopProtocol()}.
     *
     * @throws IllegalStateException if no port is started
     */
    public final void doStop() {
        if (numPorts <= 0) {
            throw new IllegalStateException("doStop without a matching doStart on " + this);
        }
        numPorts--;
        transport = null;
        if (numPorts == 0) {
            stopProtocol();
        }
    }

    /** How many ports this protocol is started on (Twisted's {@code numPorts}). */
    public final int numPorts() {
        return numPorts;
    }

    /** Called when the protocol starts listening on its first port. Does nothing by default. */
    public void startProtocol() {
    }

    /** Called after the protocol's last port stopped. Does nothing by default. */
    public void stopProtocol() {
    }

    /**
     * One datagram arrived.
     *
     * @param data the datagram, truncated to the port's {@code maxPacketSize}; the protocol owns the array
     * @param addr the sender, an {@link IPv4Address} or {@link IPv6Address} of type {@code "UDP"}, or on a
     *             UNIX datagram port a {@link UNIXAddress} ({@code ""} for an unbound sender)
     */
    public void datagramReceived(byte[] data, IAddress addr) {
    }

    /**
     * On a connected port, the peer refused an earlier datagram (an ICMP "port unreachable" reached the
     * socket). The port keeps working. Does nothing by default.
     */
    public void connectionRefused() {
    }

    /** The class name, as Twisted's {@code logPrefix}. */
    @Override
    public String logPrefix() {
        return getClass().getName();
    }
}
