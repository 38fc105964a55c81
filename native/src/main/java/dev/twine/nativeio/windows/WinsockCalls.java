package dev.twine.nativeio.windows;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.SockaddrCodec;
import dev.twine.spi.SocketErrorException;

import java.lang.ref.Reference;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.twine.nativeio.windows.WinLayout.FIONBIO;
import static dev.twine.nativeio.windows.WinLayout.INVALID_SOCKET;
import static dev.twine.nativeio.windows.WinLayout.IPPROTO_TCP;
import static dev.twine.nativeio.windows.WinLayout.LINGER_L_LINGER;
import static dev.twine.nativeio.windows.WinLayout.LINGER_L_ONOFF;
import static dev.twine.nativeio.windows.WinLayout.LINGER_SIZE;
import static dev.twine.nativeio.windows.WinLayout.SIO_BASE_HANDLE;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_STORAGE_SIZE;
import static dev.twine.nativeio.windows.WinLayout.SOCKET_ERROR;
import static dev.twine.nativeio.windows.WinLayout.SOCK_STREAM;
import static dev.twine.nativeio.windows.WinLayout.SOL_SOCKET;
import static dev.twine.nativeio.windows.WinLayout.SO_ERROR;
import static dev.twine.nativeio.windows.WinLayout.SO_LINGER;
import static dev.twine.nativeio.windows.WinLayout.WSABUF_BUF;
import static dev.twine.nativeio.windows.WinLayout.WSABUF_LEN;
import static dev.twine.nativeio.windows.WinLayout.WSABUF_SIZE;
import static dev.twine.nativeio.windows.WinLayout.WSA_FLAG_NO_HANDLE_INHERIT;
import static dev.twine.nativeio.windows.WinLayout.WSA_FLAG_OVERLAPPED;

/**
 * Non-blocking Winsock socket calls with errors translated once: "would block" becomes a return value and
 * every other failure a {@link SocketErrorException} carrying the POSIX name ({@link WinsockErrors}).
 *
 * <p>Sockets are plain {@code SOCKET} values ({@code long}). Structures passed to Winsock (socket addresses,
 * option values, the {@code WSABUF} array) live in a per-thread scratch buffer, because every call here is
 * synchronous: Winsock is done with the memory when the call returns, so one buffer per thread serves every
 * socket that thread uses. Heap {@link ByteBuffer}s are copied through the same scratch buffer (at most
 * {@link #BOUNCE_SIZE} bytes per call, which the SPI allows: reads and writes may be short); direct buffers
 * are passed to Winsock in place.
 *
 * <p>Thread-safe: the only state is the per-thread scratch. A given socket is used by one thread at a time
 * (the reactor's), per the SPI.
 */
public final class WinsockCalls {

    /** Largest number of bytes one call copies for a heap buffer. */
    public static final int BOUNCE_SIZE = 64 * 1024;
    /** Largest number of {@code WSABUF}s one gathering write passes. */
    public static final int MAX_GATHER = 64;

    /** The socket address sits at index 0, where {@link SockaddrCodec} reads and writes it. */
    static final int ADDR = 0;
    /** An {@code int} length (of the address, or of an option value). */
    static final int LEN = SOCKADDR_STORAGE_SIZE;
    /** Up to {@link #WSABUFS} - VALUE bytes of option value or other small structure. */
    static final int VALUE = LEN + 8;
    private static final int WSABUFS = 256;
    /** {@link #BOUNCE_SIZE} bytes that heap buffers are copied through. */
    static final int BOUNCE = WSABUFS + MAX_GATHER * WSABUF_SIZE;
    private static final int SCRATCH_SIZE = BOUNCE + BOUNCE_SIZE;

    /**
     * One thread's scratch memory; the JDK frees it when the thread (and so this object) is gone. Shared
     * with {@link WinsockDatagramCalls}, whose calls are as synchronous as these.
     */
    static final class Scratch {
        final ByteBuffer buf = ByteBuffer.allocateDirect(SCRATCH_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        final long address = DirectMemory.address(buf);
    }

    /** Winsock's structures are POSIX's with Windows' family numbers: the shared codec with that column. */
    static final SockaddrCodec CODEC = new SockaddrCodec(Platform.WINDOWS.socketAbi());

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Win32 win;
    private final Winsock ws;

    public WinsockCalls(Win32 win) {
        this.win = win;
        this.ws = win.winsock();
    }

    /** This thread's scratch memory. */
    static Scratch scratch() {
        return SCRATCH.get();
    }

    /** The loaded libraries these calls go through. */
    Win32 win() {
        return win;
    }

    /**
     * Opens a TCP socket that is non-blocking and not inherited by child processes.
     *
     * @param af {@link WinLayout#AF_INET} or {@link WinLayout#AF_INET6}
     */
    public long openStream(int af) throws SocketErrorException {
        return open(af, SOCK_STREAM, IPPROTO_TCP);
    }

    /** Opens a non-blocking, non-inherited socket of the given family, type and protocol. */
    long open(int af, int type, int protocol) throws SocketErrorException {
        // WSA_FLAG_OVERLAPPED keeps the socket usable with completion-port I/O should a caller want it;
        // WSA_FLAG_NO_HANDLE_INHERIT is Winsock's close-on-exec (Windows 7 SP1 and later).
        long s = ws.WSASocketW(af, type, protocol, 0, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
        if (s == INVALID_SOCKET) {
            int err = win.lastError();
            if (err != WinsockErrors.WSAEINVAL) {
                throw WinsockErrors.exception(err, "WSASocketW");
            }
            // Older systems reject the no-inherit flag; inheritance only matters for spawned processes.
            s = ws.WSASocketW(af, type, protocol, 0, 0, WSA_FLAG_OVERLAPPED);
            if (s == INVALID_SOCKET) {
                throw WinsockErrors.exception(win.lastError(), "WSASocketW");
            }
        }
        try {
            setNonBlocking(s);
        } catch (SocketErrorException e) {
            closeQuietly(s);
            throw e;
        }
        return s;
    }

    /** {@code ioctlsocket(FIONBIO, 1)}. */
    public void setNonBlocking(long s) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putInt(VALUE, 1);
        if (ws.ioctlsocket(s, FIONBIO, sc.address + VALUE) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "ioctlsocket(FIONBIO)");
        }
    }

    /**
     * The base service-provider socket under any layered providers ({@code SIO_BASE_HANDLE}), which is the
     * one {@code IOCTL_AFD_POLL} must be given. Falls back to {@code s} itself when the ioctl fails, which
     * is the right answer when no layered provider is installed (and under Wine, which has none).
     */
    public long baseHandle(long s) {
        Scratch sc = SCRATCH.get();
        sc.buf.putLong(VALUE, 0);
        int rc = ws.WSAIoctl(s, SIO_BASE_HANDLE, 0, 0, sc.address + VALUE, 8, sc.address + LEN, 0, 0);
        return rc == SOCKET_ERROR ? s : sc.buf.getLong(VALUE);
    }

    public void bind(long s, InetSocketAddress local) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        int len = CODEC.encode(local, local.getAddress() instanceof Inet6Address, sc.buf);
        if (ws.bind(s, sc.address + ADDR, len) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "bind");
        }
    }

    public void listen(long s, int backlog) throws SocketErrorException {
        if (ws.listen(s, backlog) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "listen");
        }
    }

    /**
     * Accepts one connection and makes it non-blocking, keeping the peer address {@code accept} wrote so
     * that the transport needs no {@code getpeername} (which fails once the peer has reset).
     *
     * @return the new socket and its peer, or {@code null} if none is pending
     */
    public Accepted accept(long s) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putInt(LEN, SOCKADDR_STORAGE_SIZE);
        long c = ws.accept(s, sc.address + ADDR, sc.address + LEN);
        if (c == INVALID_SOCKET) {
            int err = win.lastError();
            if (err == WinsockErrors.WSAEWOULDBLOCK) {
                return null;
            }
            if (err == WinsockErrors.WSAECONNRESET || err == WinsockErrors.WSAENOTCONN) {
                // A connection reset before it was accepted (Windows says WSAECONNRESET, Wine 8
                // WSAENOTCONN); POSIX reports that as ECONNABORTED, which the transport treats as a
                // client gone (Twisted tcp.py Port.doRead).
                throw WinsockErrors.exception(WinsockErrors.WSAECONNABORTED, "accept");
            }
            throw WinsockErrors.exception(err, "accept");
        }
        InetSocketAddress peer;
        try {
            peer = CODEC.decode(sc.buf, sc.buf.getInt(LEN));
            // Accepted sockets inherit the listener's non-blocking mode on Windows; set it anyway so the
            // invariant does not depend on that.
            setNonBlocking(c);
        } catch (SocketErrorException e) {
            closeQuietly(c);
            throw e;
        }
        return new Accepted(c, peer);
    }

    /** A socket {@link #accept} returned, with the peer address Winsock gave with it. */
    public record Accepted(long socket, InetSocketAddress peer) {
    }

    /**
     * Starts a connect.
     *
     * @return true if connected at once, false if in progress (Winsock reports that as
     *         {@code WSAEWOULDBLOCK}, not {@code EINPROGRESS})
     */
    public boolean connect(long s, InetSocketAddress remote) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        int len = CODEC.encode(remote, remote.getAddress() instanceof Inet6Address, sc.buf);
        if (ws.connect(s, sc.address + ADDR, len) != SOCKET_ERROR) {
            return true;
        }
        int err = win.lastError();
        if (err == WinsockErrors.WSAEWOULDBLOCK || err == WinsockErrors.WSAEINPROGRESS
                || err == WinsockErrors.WSAEALREADY) {
            return false;
        }
        if (err == WinsockErrors.WSAEISCONN) {
            return true;
        }
        throw WinsockErrors.exception(err, "connect");
    }

    /** {@code getsockopt(SOL_SOCKET, SO_ERROR)}: the pending error, cleared by reading it. */
    public int pendingError(long s) throws SocketErrorException {
        return getIntOption(s, SOL_SOCKET, SO_ERROR);
    }

    /**
     * Receives into {@code dst} from its position, advancing it.
     *
     * @return bytes read, 0 if it would block, -1 at end of stream (or after {@code shutdown(SD_RECEIVE)})
     */
    public int recv(long s, ByteBuffer dst) throws SocketErrorException {
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        int n;
        if (dst.isDirect()) {
            n = ws.recv(s, DirectMemory.address(dst) + dst.position(), want, 0);
            // Only the address went to native code: the buffer must stay reachable until recv returned.
            Reference.reachabilityFence(dst);
        } else {
            Scratch sc = SCRATCH.get();
            n = ws.recv(s, sc.address + BOUNCE, Math.min(want, BOUNCE_SIZE), 0);
            if (n > 0) {
                dst.put(dst.position(), sc.buf, BOUNCE, n);
            }
        }
        if (n > 0) {
            dst.position(dst.position() + n);
            return n;
        }
        if (n == 0) {
            return -1;
        }
        int err = win.lastError();
        if (err == WinsockErrors.WSAEWOULDBLOCK) {
            return 0;
        }
        if (err == WinsockErrors.WSAESHUTDOWN) {
            // POSIX recv after shutdown(SHUT_RD) reports end of stream; Winsock fails instead.
            return -1;
        }
        throw WinsockErrors.exception(err, "recv");
    }

    /**
     * Sends from {@code src} at its position, advancing it.
     *
     * @return bytes sent, 0 if it would block
     */
    public int send(long s, ByteBuffer src) throws SocketErrorException {
        int have = src.remaining();
        if (have == 0) {
            return 0;
        }
        int n;
        if (src.isDirect()) {
            n = ws.send(s, DirectMemory.address(src) + src.position(), have, 0);
            Reference.reachabilityFence(src);
        } else {
            Scratch sc = SCRATCH.get();
            int len = Math.min(have, BOUNCE_SIZE);
            sc.buf.put(BOUNCE, src, src.position(), len);
            n = ws.send(s, sc.address + BOUNCE, len, 0);
        }
        if (n >= 0) {
            src.position(src.position() + n);
            return n;
        }
        return wouldBlockOrThrow(win.lastError(), "send");
    }

    /**
     * Gathering send of {@code srcs[offset .. offset + length)} with one {@code WSASend}, advancing the
     * buffers' positions by what was sent. At most {@link #MAX_GATHER} buffers and, for heap buffers,
     * {@link #BOUNCE_SIZE} copied bytes go into one call.
     *
     * @return bytes sent, 0 if it would block
     */
    public long send(long s, ByteBuffer[] srcs, int offset, int length) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        int count = 0;
        int bounceUsed = 0;
        int end = offset + length;
        for (int i = offset; i < end && count < MAX_GATHER; i++) {
            ByteBuffer b = srcs[i];
            int have = b.remaining();
            if (have == 0) {
                continue;
            }
            long address;
            if (b.isDirect()) {
                address = DirectMemory.address(b) + b.position();
            } else {
                int room = BOUNCE_SIZE - bounceUsed;
                if (room == 0) {
                    break;
                }
                have = Math.min(have, room);
                sc.buf.put(BOUNCE + bounceUsed, b, b.position(), have);
                address = sc.address + BOUNCE + bounceUsed;
                bounceUsed += have;
            }
            int entry = WSABUFS + count * WSABUF_SIZE;
            sc.buf.putInt(entry + WSABUF_LEN, have);
            sc.buf.putLong(entry + WSABUF_BUF, address);
            count++;
        }
        if (count == 0) {
            return 0;
        }
        sc.buf.putInt(VALUE, 0);
        int rc = ws.WSASend(s, sc.address + WSABUFS, count, sc.address + VALUE, 0, 0, 0);
        // The WSABUFs hold only addresses of the direct buffers: keep those buffers alive through the call.
        Reference.reachabilityFence(srcs);
        if (rc == SOCKET_ERROR) {
            return wouldBlockOrThrow(win.lastError(), "WSASend");
        }
        long sent = sc.buf.getInt(VALUE) & 0xffffffffL;
        long left = sent;
        for (int i = offset; i < end && left > 0; i++) {
            ByteBuffer b = srcs[i];
            int step = (int) Math.min(b.remaining(), left);
            b.position(b.position() + step);
            left -= step;
        }
        return sent;
    }

    /** {@code shutdown(how)} with {@link WinLayout#SD_SEND} or {@link WinLayout#SD_RECEIVE}. */
    public void shutdown(long s, int how) throws SocketErrorException {
        if (ws.shutdown(s, how) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "shutdown");
        }
    }

    /** {@code closesocket}, reporting its error. */
    public void close(long s) throws SocketErrorException {
        if (ws.closesocket(s) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "closesocket");
        }
    }

    /** {@code closesocket}, ignoring its error (cleanup after another failure). */
    public void closeQuietly(long s) {
        ws.closesocket(s);
    }

    /**
     * Sets {@code SO_LINGER {1, 0}} and closes, so the peer sees a reset and unsent data is dropped
     * (Twisted's {@code _AbortingMixin}). The close happens even when the option cannot be set.
     */
    public void abort(long s) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putShort(VALUE + LINGER_L_ONOFF, (short) 1);
        sc.buf.putShort(VALUE + LINGER_L_LINGER, (short) 0);
        // A socket the peer already reset may refuse the option; closing is all that is left then.
        ws.setsockopt(s, SOL_SOCKET, SO_LINGER, sc.address + VALUE, LINGER_SIZE);
        close(s);
    }

    /** {@code getsockname}. */
    public InetSocketAddress localAddress(long s) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putInt(LEN, SOCKADDR_STORAGE_SIZE);
        if (ws.getsockname(s, sc.address + ADDR, sc.address + LEN) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "getsockname");
        }
        return CODEC.decode(sc.buf, sc.buf.getInt(LEN));
    }

    /** {@code getpeername}, or null when not connected. */
    public InetSocketAddress remoteAddress(long s) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putInt(LEN, SOCKADDR_STORAGE_SIZE);
        if (ws.getpeername(s, sc.address + ADDR, sc.address + LEN) == SOCKET_ERROR) {
            int err = win.lastError();
            if (err == WinsockErrors.WSAENOTCONN) {
                return null;
            }
            throw WinsockErrors.exception(err, "getpeername");
        }
        return CODEC.decode(sc.buf, sc.buf.getInt(LEN));
    }

    /** {@code setsockopt} of a 4-byte integer ({@code BOOL} or {@code DWORD}) option. */
    public void setIntOption(long s, int level, int name, int value) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putInt(VALUE, value);
        if (ws.setsockopt(s, level, name, sc.address + VALUE, 4) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "setsockopt");
        }
    }

    /**
     * {@code getsockopt} of an integer option. The value is zeroed first because some Windows versions
     * return boolean options such as {@code TCP_NODELAY} in a single byte.
     */
    public int getIntOption(long s, int level, int name) throws SocketErrorException {
        Scratch sc = SCRATCH.get();
        sc.buf.putInt(VALUE, 0);
        sc.buf.putInt(LEN, 4);
        if (ws.getsockopt(s, level, name, sc.address + VALUE, sc.address + LEN) == SOCKET_ERROR) {
            throw WinsockErrors.exception(win.lastError(), "getsockopt");
        }
        return sc.buf.getInt(VALUE);
    }

    private static int wouldBlockOrThrow(int err, String call) throws SocketErrorException {
        if (err == WinsockErrors.WSAEWOULDBLOCK) {
            return 0;
        }
        throw WinsockErrors.exception(err, call);
    }
}
