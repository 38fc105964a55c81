package dev.twine.nativeio.windows;

import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static dev.twine.nativeio.windows.WinLayout.IPPROTO_UDP;
import static dev.twine.nativeio.windows.WinLayout.SIO_UDP_CONNRESET;
import static dev.twine.nativeio.windows.WinLayout.SIO_UDP_NETRESET;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_STORAGE_SIZE;
import static dev.twine.nativeio.windows.WinLayout.SOCKET_ERROR;
import static dev.twine.nativeio.windows.WinLayout.SOCK_DGRAM;
import static dev.twine.nativeio.windows.WinsockCalls.ADDR;
import static dev.twine.nativeio.windows.WinsockCalls.BOUNCE;
import static dev.twine.nativeio.windows.WinsockCalls.BOUNCE_SIZE;
import static dev.twine.nativeio.windows.WinsockCalls.CODEC;
import static dev.twine.nativeio.windows.WinsockCalls.LEN;
import static dev.twine.nativeio.windows.WinsockCalls.VALUE;

/**
 * Non-blocking Winsock UDP calls ({@code sendto}, {@code recvfrom}, the ICMP-reporting ioctls and
 * structure-valued options), with "would block" as a return value and every other failure a
 * {@link SocketErrorException} carrying the POSIX name that a Linux UDP socket would report
 * (semantics.md §7.4, §7.6). Binding, connecting, {@code getsockname} and integer options are the
 * {@link WinsockCalls} ones, which serve datagram sockets unchanged.
 *
 * <p><b>ICMP errors.</b> Winsock reports an ICMP "port unreachable" for an earlier datagram as
 * {@code WSAECONNRESET} from a later {@code recvfrom} (and {@code send}), on connected and unconnected
 * sockets alike, unless {@code SIO_UDP_CONNRESET} is turned off (Microsoft's Winsock IOCTL reference,
 * "SIO_UDP_CONNRESET"; KB 263823). Linux reports it only on a connected socket, as {@code ECONNREFUSED}
 * (udp(7)). These calls translate {@code WSAECONNRESET} on a datagram socket to
 * {@link SocketError#ECONNREFUSED}, and {@code WSAENETRESET} (ICMP "time exceeded",
 * {@code SIO_UDP_NETRESET}) to {@link SocketError#EHOSTUNREACH} as Linux does; whether to ask for them at
 * all is the caller's choice ({@link #reportIcmpErrors}).
 *
 * <p><b>Buffers.</b> Direct buffers are passed to Winsock in place; heap buffers go through the thread's
 * scratch memory, so a datagram sent from a heap buffer may be at most {@link WinsockCalls#BOUNCE_SIZE}
 * bytes (larger ones are refused with {@code IllegalArgumentException}: a datagram cannot be sent in
 * parts) and one received into a heap buffer is truncated to that size.
 *
 * <p>Thread-safe: the only state is the per-thread scratch shared with {@link WinsockCalls}. A given
 * socket is used by one thread at a time (the reactor's), per the SPI.
 */
public final class WinsockDatagramCalls {

    private final WinsockCalls calls;
    private final Win32 win;
    private final Winsock ws;

    public WinsockDatagramCalls(WinsockCalls calls) {
        this.calls = calls;
        this.win = calls.win();
        this.ws = win.winsock();
    }

    /** The stream-socket calls these share bind, connect, close and options with. */
    public WinsockCalls calls() {
        return calls;
    }

    /**
     * Opens a UDP socket that is non-blocking and not inherited by child processes.
     *
     * @param af {@link WinLayout#AF_INET} or {@link WinLayout#AF_INET6}
     */
    public long open(int af) throws SocketErrorException {
        return calls.open(af, SOCK_DGRAM, IPPROTO_UDP);
    }

    /**
     * Turns Winsock's reporting of ICMP "port unreachable" ({@code SIO_UDP_CONNRESET}) and "time exceeded"
     * ({@code SIO_UDP_NETRESET}) to later calls on this socket on or off.
     *
     * @return true if {@code SIO_UDP_CONNRESET} took; false where the provider does not know it (refusals
     *         then keep their default, reported, behaviour and the caller must be ready for them).
     *         {@code SIO_UDP_NETRESET} is best effort: Wine 8 does not know it, and its error is rare
     */
    public boolean reportIcmpErrors(long s, boolean on) {
        WinsockCalls.Scratch sc = WinsockCalls.scratch();
        sc.buf.putInt(VALUE, on ? 1 : 0);
        int rc = ws.WSAIoctl(s, SIO_UDP_CONNRESET, sc.address + VALUE, 4, 0, 0, sc.address + LEN, 0, 0);
        ws.WSAIoctl(s, SIO_UDP_NETRESET, sc.address + VALUE, 4, 0, 0, sc.address + LEN, 0, 0);
        return rc != SOCKET_ERROR;
    }

    /**
     * A connected datagram socket's pending error ({@code SO_ERROR}) as the exception a call would throw
     * for it, or null when there is none. Does not clear anything Winsock does not clear itself.
     */
    public SocketErrorException pendingError(long s) throws SocketErrorException {
        int err = calls.pendingError(s);
        return err == 0 ? null : failure(err, "sendto");
    }

    /**
     * Receives one datagram into {@code dst} from its position, advancing the position by the datagram's
     * length, or by the room there was when it was longer: Winsock then fills the buffer, discards the
     * rest and says {@code WSAEMSGSIZE}, which is the truncation recv(2) does silently.
     *
     * @return the sender, or {@code null} if no datagram is queued
     * @throws SocketErrorException {@link SocketError#ECONNREFUSED} for an ICMP refusal of an earlier
     *                              datagram ({@code WSAECONNRESET}), and any other error by its name
     */
    public InetSocketAddress receiveFrom(long s, ByteBuffer dst) throws SocketErrorException {
        WinsockCalls.Scratch sc = WinsockCalls.scratch();
        int position = dst.position();
        int room = dst.limit() - position;
        boolean direct = dst.isDirect();
        int want = direct ? room : Math.min(room, BOUNCE_SIZE);
        long into = direct ? DirectMemory.address(dst) + position : sc.address + BOUNCE;
        sc.buf.putInt(LEN, SOCKADDR_STORAGE_SIZE);
        int n = ws.recvfrom(s, into, want, 0, sc.address + ADDR, sc.address + LEN);
        // Only the address went to native code: the buffer must stay reachable until recvfrom returned.
        Reference.reachabilityFence(dst);
        if (n == SOCKET_ERROR) {
            int err = win.lastError();
            if (err == WinsockErrors.WSAEWOULDBLOCK) {
                return null;
            }
            if (err != WinsockErrors.WSAEMSGSIZE) {
                throw failure(err, "recvfrom");
            }
            n = want;
        }
        if (!direct) {
            dst.put(position, sc.buf, BOUNCE, n);
        }
        dst.position(position + n);
        return CODEC.decode(sc.buf, sc.buf.getInt(LEN));
    }

    /**
     * Sends {@code src}'s remaining bytes as one datagram to {@code target} ({@code null} on a connected
     * socket: to its peer), advancing the position to the limit when sent.
     *
     * @param ipv6 whether the socket is {@code AF_INET6} (an IPv4 target is then sent to as v4-mapped)
     * @return true if Winsock took the datagram; false if it was dropped because the send buffer is full
     *         ({@code WSAEWOULDBLOCK}) or Winsock has no buffer space ({@code WSAENOBUFS}), position unchanged
     * @throws SocketErrorException e.g. {@link SocketError#EMSGSIZE} for an oversized datagram,
     *                              {@link SocketError#ECONNREFUSED} after an ICMP refusal
     */
    public boolean sendTo(long s, boolean ipv6, ByteBuffer src, InetSocketAddress target)
            throws SocketErrorException {
        WinsockCalls.Scratch sc = WinsockCalls.scratch();
        int position = src.position();
        int length = src.limit() - position;
        int toLength = 0;
        if (target != null) {
            toLength = CODEC.encode(target, ipv6, sc.buf);
            if (toLength < 0) {
                throw new SocketErrorException(SocketError.EAFNOSUPPORT,
                        "sendto: an IPv4 socket cannot send to " + target);
            }
        }
        long from;
        if (src.isDirect()) {
            from = DirectMemory.address(src) + position;
        } else {
            if (length > BOUNCE_SIZE) {
                throw new IllegalArgumentException("a datagram from a heap buffer may be at most "
                        + BOUNCE_SIZE + " bytes, got " + length);
            }
            sc.buf.put(BOUNCE, src, position, length);
            from = sc.address + BOUNCE;
        }
        int n = ws.sendto(s, from, length, 0, target == null ? 0 : sc.address + ADDR, toLength);
        Reference.reachabilityFence(src);
        if (n == SOCKET_ERROR) {
            int err = win.lastError();
            if (err == WinsockErrors.WSAEWOULDBLOCK || err == WinsockErrors.WSAENOBUFS) {
                return false;
            }
            throw failure(err, "sendto");
        }
        src.position(src.limit());
        return true;
    }

    /** {@code setsockopt} with a structure value, such as {@code struct ip_mreq} or an {@code in_addr}. */
    public void setOption(long s, int level, int name, byte[] value) throws SocketErrorException {
        WinsockCalls.Scratch sc = WinsockCalls.scratch();
        sc.buf.put(VALUE, value);
        if (ws.setsockopt(s, level, name, sc.address + VALUE, value.length) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "setsockopt");
        }
    }

    /** {@code getsockopt} with a structure value of at most {@code size} bytes; the bytes Winsock wrote. */
    public byte[] getOption(long s, int level, int name, int size) throws SocketErrorException {
        WinsockCalls.Scratch sc = WinsockCalls.scratch();
        for (int i = 0; i < size; i++) {
            sc.buf.put(VALUE + i, (byte) 0);
        }
        sc.buf.putInt(LEN, size);
        if (ws.getsockopt(s, level, name, sc.address + VALUE, sc.address + LEN) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "getsockopt");
        }
        byte[] value = new byte[Math.min(size, sc.buf.getInt(LEN))];
        sc.buf.get(VALUE, value);
        return value;
    }

    /**
     * A datagram socket's error by the name Linux gives the same condition: the ICMP-born
     * {@code WSAECONNRESET} is a refusal ({@code ECONNREFUSED}, udp(7)), there being no connection to reset.
     */
    private static SocketErrorException failure(int err, String call) {
        if (err == WinsockErrors.WSAECONNRESET) {
            return new SocketErrorException(SocketError.ECONNREFUSED,
                    call + ": " + WinsockErrors.windowsName(err) + " " + err
                            + " (an ICMP port unreachable for an earlier datagram)");
        }
        return WinsockErrors.exception(err, call);
    }
}
