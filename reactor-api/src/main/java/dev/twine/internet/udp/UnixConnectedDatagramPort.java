package dev.twine.internet.udp;

import dev.twine.defer.Failure;
import dev.twine.internet.ConnectedDatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUNIXDatagramConnectedTransport;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.InvalidAddressError;
import dev.twine.internet.unix.UnixNames;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.SocketError;
import java.io.IOException;

/**
 * A UNIX datagram socket connected to one peer (Twisted's {@code unix.ConnectedDatagramPort}, semantics.md
 * §8.9): what {@code connectUNIXDatagram} returns. Bound first if a bind name is given, then connected;
 * if either fails, {@link #startListening()} calls {@link ConnectedDatagramProtocol#connectionFailed} with
 * the {@link CannotListenError} instead of throwing, as Twisted's {@code connectionFailed} path does.
 *
 * <p>A peer that has gone shows on the next send: {@code ECONNREFUSED} the first time, then
 * {@code ENOTCONN} (Linux forgets the peer), or {@code ENOENT} if the path was removed; each calls
 * {@link ConnectedDatagramProtocol#connectionRefused()} and drops the datagram. Threading: reactor thread
 * only.
 */
public final class UnixConnectedDatagramPort extends UnixDatagramPort implements IUNIXDatagramConnectedTransport {
    private final String peer;
    private final UNIXAddress peerAddress;
    private final ConnectedDatagramProtocol connectedProtocol;

    /**
     * @param address     the peer's name: a path, or an abstract name with a leading NUL or {@code '@'}
     * @param bindAddress this end's name, or null to send unnamed
     * @param mode        the permission bits of this end's file, when bound to a path
     */
    public UnixConnectedDatagramPort(IReactor reactor, String address, ConnectedDatagramProtocol protocol,
            int maxPacketSize, int mode, String bindAddress) {
        super(reactor, protocol, maxPacketSize, bindAddress, mode);
        this.peer = UnixNames.normalize(address);
        this.peerAddress = new UNIXAddress(peer);
        this.connectedProtocol = protocol;
    }

    /**
     * Binds, connects and starts the protocol; a failure to bind or connect goes to
     * {@link ConnectedDatagramProtocol#connectionFailed} and leaves the port not listening.
     */
    @Override
    public void startListening() {
        try {
            super.startListening();
        } catch (CannotListenError e) {
            connectedProtocol.connectionFailed(new Failure(e));
        }
    }

    @Override
    DatagramSocketHandle open() {
        DatagramSocketHandle s = super.open();
        try {
            s.connectUnix(peer);
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            closed();
            throw new CannotListenError(UnixNames.display(peer),
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        return s;
    }

    /** Names the bind path when there is one (its bind failed), else the peer's. */
    @Override
    CannotListenError cannotListen(IOException cause) {
        return file == null ? new CannotListenError(UnixNames.display(peer), cause) : super.cannotListen(cause);
    }

    @Override
    String describe() {
        return (file == null ? "an unnamed socket" : file.display()) + " connected to " + UnixNames.display(peer);
    }

    @Override
    boolean connected() {
        return true;
    }

    /**
     * The peer is gone: refused while its socket is closed, not connected once Linux dropped the
     * association after that first refusal, no such file once the path was removed (unix(7)).
     */
    @Override
    boolean refusal(SocketError error) {
        return error == SocketError.ECONNREFUSED || error == SocketError.ENOTCONN || error == SocketError.ENOENT;
    }

    /** Every datagram is the peer's: no address is made per datagram. */
    @Override
    void deliver(byte[] data, String sender) {
        connectedProtocol.datagramReceived(data);
    }

    /** Sends to the peer; {@code addr} must be null or the peer. */
    @Override
    public int write(byte[] datagram, IAddress addr) {
        live();
        if (addr != null && !UnixNames.normalize(addr.host()).equals(peer)) {
            throw new InvalidAddressError("port is connected to " + peerAddress + ", cannot send to " + addr);
        }
        return sendDatagram(datagram, null);
    }

    @Override
    public IAddress getPeer() {
        return peerAddress;
    }

    @Override
    public String toString() {
        return "UNIXConnectedDatagramPort[" + protocol.getClass().getName()
                + (!isListening() ? ", not listening" : " on " + describe()) + "]";
    }
}
