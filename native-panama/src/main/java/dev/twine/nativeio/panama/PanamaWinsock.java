package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.Winsock;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

import static dev.twine.nativeio.panama.Downcalls.unexpected;
import static dev.twine.nativeio.panama.WinDowncalls.capture;

/**
 * {@link Winsock} bound with {@code java.lang.foreign}: prototypes, critical calls and last-error capture
 * in {@link WinFunction}, hot-path rules in {@link Downcalls}. Every call but {@code WSAStartup} (which
 * returns its error) captures the last error into the thread's segment, read by
 * {@link PanamaBinding#lastError()}. Loads on any OS, binds on Windows ({@link #load()}). Stateless and
 * thread-safe.
 */
public final class PanamaWinsock implements Winsock {

    /** Bound when first touched ({@link #load()}); {@code static final}, so C2 inlines each stub. */
    private static final class Handles {
        static final MethodHandle WSA_STARTUP = WinFunction.WSA_STARTUP.bind();
        static final MethodHandle WSA_SOCKET_W = WinFunction.WSA_SOCKET_W.bind();
        static final MethodHandle BIND = WinFunction.BIND.bind();
        static final MethodHandle LISTEN = WinFunction.LISTEN.bind();
        static final MethodHandle ACCEPT = WinFunction.ACCEPT.bind();
        static final MethodHandle CONNECT = WinFunction.CONNECT.bind();
        static final MethodHandle RECV = WinFunction.RECV.bind();
        static final MethodHandle SEND = WinFunction.SEND.bind();
        static final MethodHandle WSA_SEND = WinFunction.WSA_SEND.bind();
        static final MethodHandle SHUTDOWN = WinFunction.SHUTDOWN.bind();
        static final MethodHandle CLOSESOCKET = WinFunction.CLOSESOCKET.bind();
        static final MethodHandle IOCTLSOCKET = WinFunction.IOCTLSOCKET.bind();
        static final MethodHandle GETSOCKOPT = WinFunction.GETSOCKOPT.bind();
        static final MethodHandle SETSOCKOPT = WinFunction.SETSOCKOPT.bind();
        static final MethodHandle GETSOCKNAME = WinFunction.GETSOCKNAME.bind();
        static final MethodHandle GETPEERNAME = WinFunction.GETPEERNAME.bind();
        static final MethodHandle WSA_IOCTL = WinFunction.WSA_IOCTL.bind();
        static final MethodHandle SENDTO = WinFunction.SENDTO.bind();
        static final MethodHandle RECVFROM = WinFunction.RECVFROM.bind();
    }

    private PanamaWinsock() {
    }

    /**
     * Binds every ws2_32 function; the caller still starts Winsock ({@link #WSAStartup}).
     *
     * @throws UnsatisfiedLinkError naming the reason off Windows or when a symbol is missing
     */
    static PanamaWinsock load() {
        WinDowncalls.initialize(MethodHandles.lookup(), Handles.class);
        return new PanamaWinsock();
    }

    @Override
    public int WSAStartup(short versionRequested, long wsaData) {
        try {
            return (int) Handles.WSA_STARTUP.invokeExact(versionRequested, wsaData);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long WSASocketW(int af, int type, int protocol, long protocolInfo, int group, int flags) {
        try {
            return (long) Handles.WSA_SOCKET_W.invokeExact(capture(), af, type, protocol, protocolInfo, group,
                    flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int bind(long s, long name, int nameLength) {
        try {
            return (int) Handles.BIND.invokeExact(capture(), s, name, nameLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int listen(long s, int backlog) {
        try {
            return (int) Handles.LISTEN.invokeExact(capture(), s, backlog);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long accept(long s, long address, long addressLength) {
        try {
            return (long) Handles.ACCEPT.invokeExact(capture(), s, address, addressLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int connect(long s, long name, int nameLength) {
        try {
            return (int) Handles.CONNECT.invokeExact(capture(), s, name, nameLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int recv(long s, long buffer, int length, int flags) {
        try {
            return (int) Handles.RECV.invokeExact(capture(), s, buffer, length, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int send(long s, long buffer, int length, int flags) {
        try {
            return (int) Handles.SEND.invokeExact(capture(), s, buffer, length, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int WSASend(long s, long buffers, int bufferCount, long bytesSent, int flags, long overlapped,
                       long completionRoutine) {
        try {
            return (int) Handles.WSA_SEND.invokeExact(capture(), s, buffers, bufferCount, bytesSent, flags,
                    overlapped, completionRoutine);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int shutdown(long s, int how) {
        try {
            return (int) Handles.SHUTDOWN.invokeExact(capture(), s, how);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int closesocket(long s) {
        try {
            return (int) Handles.CLOSESOCKET.invokeExact(capture(), s);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int ioctlsocket(long s, int command, long argument) {
        try {
            return (int) Handles.IOCTLSOCKET.invokeExact(capture(), s, command, argument);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockopt(long s, int level, int name, long value, long length) {
        try {
            return (int) Handles.GETSOCKOPT.invokeExact(capture(), s, level, name, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int setsockopt(long s, int level, int name, long value, int length) {
        try {
            return (int) Handles.SETSOCKOPT.invokeExact(capture(), s, level, name, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockname(long s, long name, long nameLength) {
        try {
            return (int) Handles.GETSOCKNAME.invokeExact(capture(), s, name, nameLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getpeername(long s, long name, long nameLength) {
        try {
            return (int) Handles.GETPEERNAME.invokeExact(capture(), s, name, nameLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int WSAIoctl(long s, int controlCode, long inBuffer, int inLength, long outBuffer, int outLength,
                        long bytesReturned, long overlapped, long completionRoutine) {
        try {
            return (int) Handles.WSA_IOCTL.invokeExact(capture(), s, controlCode, inBuffer, inLength, outBuffer,
                    outLength, bytesReturned, overlapped, completionRoutine);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int sendto(long s, long buffer, int length, int flags, long to, int toLength) {
        try {
            return (int) Handles.SENDTO.invokeExact(capture(), s, buffer, length, flags, to, toLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int recvfrom(long s, long buffer, int length, int flags, long from, long fromLength) {
        try {
            return (int) Handles.RECVFROM.invokeExact(capture(), s, buffer, length, flags, from, fromLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
