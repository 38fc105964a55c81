package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.WinLayout;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.nativeio.windows.WinsockDatagramCalls;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.SocketProvider;
import dev.twine.spi.StreamSocketHandle;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;

/**
 * Opens the IOCP backend's Winsock sockets: non-blocking ({@code FIONBIO}), not inherited by child
 * processes ({@code WSA_FLAG_NO_HANDLE_INHERIT}, Winsock's close-on-exec).
 *
 * <p>Listening sockets get no {@code SO_REUSEADDR}: on Windows it lets another socket bind the same port
 * while this one listens, and Twisted skips it there for that reason ({@code tcp.py}
 * {@code _reuseAddress} is POSIX-only). Windows already allows re-binding a port whose old connections
 * sit in {@code TIME_WAIT}.
 *
 * <p>Datagram sockets ({@link #openDatagram}) are UDP over the same AFD poll (semantics.md §7.6), with
 * Winsock's ICMP reports confined to connected sockets ({@link WinsockDatagramSocket}).
 *
 * <p>Stateless apart from the shared {@link WinsockCalls}; reactor thread only.
 */
final class WinsockSocketProvider implements SocketProvider {
    private final WinsockCalls calls;
    private final WinsockDatagramCalls udp;

    WinsockSocketProvider(WinsockCalls calls) {
        this.calls = calls;
        this.udp = new WinsockDatagramCalls(calls);
    }

    @Override
    public DatagramSocketHandle openDatagram(StandardProtocolFamily family) throws IOException {
        int af = af(family);
        long s = udp.open(af);
        try {
            return new WinsockDatagramSocket(udp, s, af == WinLayout.AF_INET6);
        } catch (RuntimeException e) {
            calls.closeQuietly(s);
            throw e;
        }
    }

    @Override
    public StreamSocketHandle openStream(StandardProtocolFamily family) throws IOException {
        return new WinsockStreamSocket(calls, calls.openStream(af(family)));
    }

    @Override
    public ListeningSocketHandle listen(InetSocketAddress local, int backlog) throws IOException {
        if (local.getAddress() == null) {
            throw new SocketErrorException(SocketError.EINVAL, "unresolved address " + local);
        }
        int af = local.getAddress() instanceof Inet6Address ? WinLayout.AF_INET6 : WinLayout.AF_INET;
        long s = calls.openStream(af);
        try {
            calls.bind(s, local);
            calls.listen(s, backlog);
            return new WinsockListeningSocket(calls, s);
        } catch (IOException | RuntimeException e) {
            calls.closeQuietly(s);
            throw e;
        }
    }

    private static int af(StandardProtocolFamily family) throws SocketErrorException {
        switch (family) {
            case INET:
                return WinLayout.AF_INET;
            case INET6:
                return WinLayout.AF_INET6;
            default:
                throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not an IP family: " + family);
        }
    }
}
