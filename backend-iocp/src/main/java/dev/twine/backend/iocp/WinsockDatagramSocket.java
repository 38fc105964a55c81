package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.WinLayout;
import dev.twine.nativeio.windows.WinsockDatagramCalls;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/**
 * A non-blocking Winsock UDP socket as a {@link DatagramSocketHandle}, watched by the {@link IocpPoller}
 * like the stream sockets: {@code AFD_POLL_RECEIVE} is {@code READ} (a datagram is queued, or an ICMP
 * error waits to be reported), {@code AFD_POLL_SEND} is {@code WRITE} ({@link AfdEvents}).
 *
 * <p><b>ICMP errors</b> (semantics.md §7.4). Twisted's contract is Linux's: a connected port hears an ICMP
 * refusal as {@code connectionRefused}; an unconnected one never hears it and keeps running. Windows instead
 * fails the next {@code recvfrom} of any UDP socket with {@code WSAECONNRESET}. So the socket is opened with
 * {@code SIO_UDP_CONNRESET} and {@code SIO_UDP_NETRESET} off and {@link #connect} turns them on: then only a
 * connected socket sees them, as {@link SocketError#ECONNREFUSED}. Where the ioctls are not known, an
 * unconnected socket skips such errors in {@link #receive} instead (at most {@link #MAX_SKIPPED_ERRORS} per
 * call, each error being one consumed ICMP report). Under Wine the first refusal shows only in
 * {@code SO_ERROR}, which {@link #send} consults (native.md §5.8).
 *
 * <p><b>Multicast</b> is IPv4's, as Twisted's {@code MulticastPort}: {@code IP_ADD_MEMBERSHIP} and friends
 * with ws2ipdef.h's numbers ({@link WinLayout}), every value a {@code DWORD} on Windows. There is no
 * {@code SO_REUSEPORT}; {@code SO_REUSEADDR} alone lets several sockets bind one group's port.
 *
 * <p>Reactor thread only.
 */
final class WinsockDatagramSocket extends WinsockHandle implements DatagramSocketHandle {

    /** How many ICMP reports one {@link #receive} skips on an unconnected socket before saying "none". */
    static final int MAX_SKIPPED_ERRORS = 64;

    private final WinsockDatagramCalls udp;
    private final boolean ipv6;
    private boolean connected;
    /** A connected socket has reported an ICMP refusal at least once (see {@link #send}). */
    private boolean refusalReported;
    /** Whether Winsock took {@code SIO_UDP_CONNRESET}; if not, an unconnected socket filters in receive. */
    private final boolean icmpReportsOff;

    WinsockDatagramSocket(WinsockDatagramCalls udp, long socket, boolean ipv6) {
        super(udp.calls(), socket);
        this.udp = udp;
        this.ipv6 = ipv6;
        this.icmpReportsOff = udp.reportIcmpErrors(socket, false);
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        calls.bind(open("bind"), local);
    }

    /** {@code connect} on a datagram socket only records the peer, so it completes at once. */
    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        long s = open("connect");
        calls.connect(s, remote);
        connected = true;
        udp.reportIcmpErrors(s, true);
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        long s = open("recvfrom");
        for (int skipped = 0; ; skipped++) {
            try {
                return udp.receiveFrom(s, dst);
            } catch (SocketErrorException e) {
                noteRefusal(e);
                if (connected || !isIcmpReport(e) || skipped == MAX_SKIPPED_ERRORS) {
                    throw e;
                }
                // An unconnected socket whose provider ignored SIO_UDP_CONNRESET: drop the report, as Linux
                // never makes it (udp(7)), and look at what else is queued.
            }
        }
    }

    private static boolean isIcmpReport(SocketErrorException e) {
        return e.error() == SocketError.ECONNREFUSED || e.error() == SocketError.EHOSTUNREACH;
    }

    /**
     * Sends one datagram. On a connected socket that has not reported a refusal yet, {@code SO_ERROR} is
     * looked at first: Wine 8's wineserver takes the first ICMP error off the underlying Linux socket into
     * a {@code SO_ERROR} of its own, raises no AFD event for it and never fails a later call with it, so
     * without this look a connected port under Wine would not hear its first refusal (native.md §5.8).
     * Wine's {@code SO_ERROR} then stays set, hence the look lasts only until the first report; later
     * refusals reach {@code sendto} and {@code recvfrom} directly. Windows itself reports refusals through
     * {@code recvfrom} ({@code SIO_UDP_CONNRESET}); the look costs a connected socket one
     * {@code getsockopt} per send until then.
     */
    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        long s = open("sendto");
        if (connected && !refusalReported) {
            SocketErrorException pending = udp.pendingError(s);
            if (pending != null) {
                refusalReported = true;
                throw pending;
            }
        }
        try {
            return udp.sendTo(s, ipv6, src, target);
        } catch (SocketErrorException e) {
            noteRefusal(e);
            throw e;
        }
    }

    private void noteRefusal(SocketErrorException e) {
        if (connected && e.error() == SocketError.ECONNREFUSED) {
            refusalReported = true;
        }
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return calls.localAddress(open("getsockname"));
    }

    /** Whether ICMP reports were turned off at open; false where Winsock does not know the ioctl. */
    boolean icmpReportsOff() {
        return icmpReportsOff;
    }

    // -- IPv4 multicast --

    @Override
    public void setReuseAddress(boolean on) throws IOException {
        calls.setIntOption(open("setsockopt"), WinLayout.SOL_SOCKET, WinLayout.SO_REUSEADDR, on ? 1 : 0);
    }

    @Override
    public void joinGroup(InetAddress group, InetAddress iface) throws IOException {
        membership(WinLayout.IP_ADD_MEMBERSHIP, group, iface);
    }

    @Override
    public void leaveGroup(InetAddress group, InetAddress iface) throws IOException {
        membership(WinLayout.IP_DROP_MEMBERSHIP, group, iface);
    }

    /** {@code struct ip_mreq {imr_multiaddr, imr_interface}}, both {@code in_addr} in network order. */
    private void membership(int option, InetAddress group, InetAddress iface) throws IOException {
        long s = open("setsockopt");
        byte[] mreq = new byte[WinLayout.IP_MREQ_SIZE];
        System.arraycopy(ipv4(group).getAddress(), 0, mreq, WinLayout.IP_MREQ_IMR_MULTIADDR, 4);
        if (iface != null) {
            System.arraycopy(ipv4(iface).getAddress(), 0, mreq, WinLayout.IP_MREQ_IMR_INTERFACE, 4);
        }
        udp.setOption(s, WinLayout.IPPROTO_IP, option, mreq);
    }

    @Override
    public void setMulticastTtl(int ttl) throws IOException {
        calls.setIntOption(open("setsockopt"), WinLayout.IPPROTO_IP, WinLayout.IP_MULTICAST_TTL, ttl);
    }

    @Override
    public int getMulticastTtl() throws IOException {
        return calls.getIntOption(open("getsockopt"), WinLayout.IPPROTO_IP, WinLayout.IP_MULTICAST_TTL);
    }

    @Override
    public void setMulticastLoopback(boolean on) throws IOException {
        calls.setIntOption(open("setsockopt"), WinLayout.IPPROTO_IP, WinLayout.IP_MULTICAST_LOOP, on ? 1 : 0);
    }

    @Override
    public boolean getMulticastLoopback() throws IOException {
        return calls.getIntOption(open("getsockopt"), WinLayout.IPPROTO_IP, WinLayout.IP_MULTICAST_LOOP) != 0;
    }

    /** The {@code DWORD} is the interface's address in network byte order: its bytes are the address's. */
    @Override
    public void setMulticastInterface(InetAddress iface) throws IOException {
        udp.setOption(open("setsockopt"), WinLayout.IPPROTO_IP, WinLayout.IP_MULTICAST_IF, ipv4(iface).getAddress());
    }

    @Override
    public InetAddress getMulticastInterface() throws IOException {
        byte[] b = udp.getOption(open("getsockopt"), WinLayout.IPPROTO_IP, WinLayout.IP_MULTICAST_IF, 4);
        return InetAddress.getByAddress(b.length == 4 ? b : new byte[4]);
    }

    /** {@code SO_RCVBUF}: the bytes of datagrams Winsock queues before it drops arrivals. */
    int receiveBufferSize() throws IOException {
        return calls.getIntOption(open("getsockopt"), WinLayout.SOL_SOCKET, WinLayout.SO_RCVBUF);
    }

    /** {@code SO_SNDBUF}. */
    void setSendBufferSize(int bytes) throws IOException {
        calls.setIntOption(open("setsockopt"), WinLayout.SOL_SOCKET, WinLayout.SO_SNDBUF, bytes);
    }

    /** Twisted's multicast is IPv4's; an IPv6 address here is a caller's error. */
    private static Inet4Address ipv4(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return v4;
        }
        throw new IllegalArgumentException("IPv4 multicast only, got " + address);
    }

    private long open(String call) throws SocketErrorException {
        if (!isOpen()) {
            throw new SocketErrorException(SocketError.EBADF, call + ": socket is closed");
        }
        return socket;
    }

    @Override
    public String toString() {
        return "WinsockDatagramSocket[" + socket + (ipv6 ? ", inet6" : "") + (isOpen() ? "" : ", closed") + "]";
    }
}
