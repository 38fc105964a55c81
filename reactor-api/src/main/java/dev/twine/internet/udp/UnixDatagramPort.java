package dev.twine.internet.udp;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUNIXDatagramTransport;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.InvalidAddressError;
import dev.twine.internet.unix.UnixNames;
import dev.twine.internet.unix.UnixSocketFile;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.SocketProvider;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A bound UNIX datagram socket (Twisted's {@code unix.DatagramPort}, semantics.md §8.9): what
 * {@code listenUNIXDatagram} returns. It is the one datagram port ({@link AbstractDatagramPort}: bounded
 * reads, drop-counting writes, the delayed close of {@code stopListening}) with {@code AF_UNIX} names, and
 * its file is a {@link UnixSocketFile}, so a stale file is removed, the mode applied and the file removed on
 * close exactly as for {@code listenUNIX}.
 *
 * <p>Senders reach {@code datagramReceived} as {@link UNIXAddress}es, {@code ""} when unbound. A write to a
 * name where nothing is bound throws (Twisted raises it too); a full receiver drops the datagram. Logs
 * {@code "(Port '/path' Closed)"} as Twisted does. Threading: reactor thread only.
 */
public class UnixDatagramPort extends AbstractDatagramPort<String> implements IUNIXDatagramTransport {
    /** The bound name and its file; null for a connected port that sends unnamed. */
    final UnixSocketFile file;

    /**
     * A port that is not bound yet; {@link #startListening()} binds it.
     *
     * @param address a path, or an abstract name with a leading NUL or {@code '@'}
     * @param mode    the socket file's permission bits
     */
    public UnixDatagramPort(IReactor reactor, String address, DatagramProtocol protocol, int maxPacketSize, int mode) {
        super(reactor, protocol, maxPacketSize);
        this.file = new UnixSocketFile(address, mode, false);
    }

    /** For {@link UnixConnectedDatagramPort}: {@code address} may be null (unbound). */
    UnixDatagramPort(IReactor reactor, DatagramProtocol protocol, int maxPacketSize, String address, int mode) {
        super(reactor, protocol, maxPacketSize);
        this.file = address == null ? null : new UnixSocketFile(address, mode, false);
    }

    /** Opens the socket and binds it through {@link #file}; unbound when there is no file. */
    @Override
    DatagramSocketHandle open() {
        SocketProvider sockets = reactor.sockets();
        if (file == null) {
            try {
                return sockets.openUnixDatagram();
            } catch (IOException | UnsupportedOperationException e) {
                throw cannotListen(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
        }
        return file.bind(sockets, name -> {
            DatagramSocketHandle s = sockets.openUnixDatagram();
            try {
                s.bindUnix(name);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        });
    }

    /** The bound name, as Twisted's {@code getHost} reads it with {@code getsockname}. */
    @Override
    IAddress host(DatagramSocketHandle s) throws IOException {
        String name = s.localUnixName();
        return new UNIXAddress(name == null ? "" : name);
    }

    @Override
    String describe() {
        return file == null ? "an unnamed socket" : file.display();
    }

    @Override
    CannotListenError cannotListen(IOException cause) {
        return file == null ? new CannotListenError("", cause) : file.cannotListen(cause);
    }

    @Override
    String closedMessage() {
        return "(Port '" + describe() + "' Closed)";
    }

    @Override
    String[] newSenders(int n) {
        return new String[n];
    }

    /** One {@code recvfrom} per datagram: {@code recvmmsg} is kept for the UDP path, whose senders it decodes. */
    @Override
    int receive(DatagramSocketHandle s, ByteBuffer[] dsts, String[] from) throws IOException {
        int n = 0;
        while (n < dsts.length) {
            String sender = s.receiveUnix(dsts[n]);
            if (sender == null) {
                break;
            }
            from[n++] = sender;
        }
        return n;
    }

    @Override
    IAddress address(String sender) {
        return new UNIXAddress(sender);
    }

    @Override
    boolean send(DatagramSocketHandle s, ByteBuffer src, String target) throws IOException {
        return s.sendUnix(src, target);
    }

    @Override
    boolean connected() {
        return false;
    }

    /** No refusal is quiet on an unconnected UNIX port: Twisted's write raises it. */
    @Override
    boolean refusal(dev.twine.spi.SocketError error) {
        return false;
    }

    /** Closes the file as {@code listenUNIX} does: removes it (semantics.md §8.9 says why). */
    @Override
    void closed() {
        if (file != null) {
            file.closed();
        }
    }

    @Override
    public int write(byte[] datagram, IAddress addr) {
        live();
        if (addr == null) {
            throw new InvalidAddressError("an unconnected UNIX datagram port needs a target name");
        }
        return sendDatagram(datagram, UnixNames.normalize(addr.host()));
    }

    @Override
    public String toString() {
        return "UNIXDatagramPort[" + protocol.getClass().getName()
                + (!isListening() ? ", not listening" : " on " + describe()) + "]";
    }
}
