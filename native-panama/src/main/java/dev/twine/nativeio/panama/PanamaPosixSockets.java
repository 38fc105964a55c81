package dev.twine.nativeio.panama;

import dev.twine.nativeio.posix.PosixSockets;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static dev.twine.nativeio.panama.Downcalls.INT;
import static dev.twine.nativeio.panama.Downcalls.LONG;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.Kind.CRITICAL;
import static dev.twine.nativeio.panama.Downcalls.Kind.CRITICAL_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.capture;
import static dev.twine.nativeio.panama.Downcalls.errno;
import static dev.twine.nativeio.panama.Downcalls.libc;
import static dev.twine.nativeio.panama.Downcalls.unexpected;

/**
 * {@link PosixSockets} bound to the C library with {@code java.lang.foreign}, following the rules
 * in {@link Downcalls}: one {@code static final} handle per function, invoked exactly; errno
 * captured into the calling thread's segment and read only after a {@code -1}; {@code critical}
 * only for the calls listed there. {@code ssize_t} and {@code size_t} are {@code JAVA_LONG} and
 * pointers {@code JAVA_LONG} (LP64). Stateless and thread-safe.
 */
public final class PanamaPosixSockets implements PosixSockets {

    private static final MethodHandle SOCKET = libc("socket", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle ACCEPT4 = libc("accept4", BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, LONG, INT));
    private static final MethodHandle ACCEPT = libc("accept", BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, LONG));
    private static final MethodHandle CONNECT = libc("connect", BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, INT));
    private static final MethodHandle BIND = libc("bind", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, INT));
    private static final MethodHandle LISTEN = libc("listen", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle SHUTDOWN = libc("shutdown", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT));
    /** close may wait for SO_LINGER, so it is not critical; its errno is never used (PosixSockets#close). */
    private static final MethodHandle CLOSE = libc("close", BLOCKING, FunctionDescriptor.of(INT, INT));
    private static final MethodHandle READ = libc("read", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, LONG));
    private static final MethodHandle WRITE = libc("write", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, LONG));
    private static final MethodHandle RECV = libc("recv", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, LONG, INT));
    private static final MethodHandle SEND = libc("send", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, LONG, INT));
    private static final MethodHandle READV = libc("readv", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, INT));
    private static final MethodHandle WRITEV = libc("writev", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, INT));
    // UNIX sockets: descriptor passing (semantics.md §8.8).
    private static final MethodHandle SENDMSG = libc("sendmsg", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, INT));
    private static final MethodHandle RECVMSG = libc("recvmsg", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, INT));
    private static final MethodHandle GETSOCKOPT = libc("getsockopt", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT, INT, LONG, LONG));
    private static final MethodHandle SETSOCKOPT = libc("setsockopt", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT, INT, LONG, INT));
    private static final MethodHandle GETSOCKNAME = libc("getsockname", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, LONG));
    private static final MethodHandle GETPEERNAME = libc("getpeername", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, LONG));
    /**
     * fcntl is variadic: declaring the third argument variadic matters on Apple AArch64, where
     * variadic arguments go on the stack (the linker's {@code firstVariadicArg}).
     */
    private static final MethodHandle FCNTL = libc("fcntl", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT, INT), 2);
    /** Returns a pointer to a C string, read once as a zero-length segment widened to the string. */
    private static final MethodHandle STRERROR = libc("strerror", CRITICAL,
            FunctionDescriptor.of(ValueLayout.ADDRESS, INT));

    // -- datagram sockets --

    private static final MethodHandle SENDTO = libc("sendto", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, LONG, INT, LONG, INT));
    private static final MethodHandle RECVFROM = libc("recvfrom", BLOCKING_CAPTURE,
            FunctionDescriptor.of(LONG, INT, LONG, LONG, INT, LONG, LONG));
    private static final MethodHandle RECVMMSG = libc("recvmmsg", BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, INT, INT, LONG));

    /** Binds nothing itself: the handles above are created when the class is initialized. */
    public PanamaPosixSockets() {
        Downcalls.requireLp64();
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        MemorySegment state = capture();
        try {
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int accept4(int fd, long addrAddress, long addrLenAddress, int flags) {
        MemorySegment state = capture();
        try {
            int accepted = (int) ACCEPT4.invokeExact(state, fd, addrAddress, addrLenAddress, flags);
            return accepted >= 0 ? accepted : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int accept(int fd, long addrAddress, long addrLenAddress) {
        MemorySegment state = capture();
        try {
            int accepted = (int) ACCEPT.invokeExact(state, fd, addrAddress, addrLenAddress);
            return accepted >= 0 ? accepted : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int connect(int fd, long addrAddress, int addrLen) {
        MemorySegment state = capture();
        try {
            return (int) CONNECT.invokeExact(state, fd, addrAddress, addrLen) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int bind(int fd, long addrAddress, int addrLen) {
        MemorySegment state = capture();
        try {
            return (int) BIND.invokeExact(state, fd, addrAddress, addrLen) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int listen(int fd, int backlog) {
        MemorySegment state = capture();
        try {
            return (int) LISTEN.invokeExact(state, fd, backlog) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int shutdown(int fd, int how) {
        MemorySegment state = capture();
        try {
            return (int) SHUTDOWN.invokeExact(state, fd, how) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long read(int fd, long bufAddress, long count) {
        MemorySegment state = capture();
        try {
            long n = (long) READ.invokeExact(state, fd, bufAddress, count);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long write(int fd, long bufAddress, long count) {
        MemorySegment state = capture();
        try {
            long n = (long) WRITE.invokeExact(state, fd, bufAddress, count);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long recv(int fd, long bufAddress, long length, int flags) {
        MemorySegment state = capture();
        try {
            long n = (long) RECV.invokeExact(state, fd, bufAddress, length, flags);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long send(int fd, long bufAddress, long length, int flags) {
        MemorySegment state = capture();
        try {
            long n = (long) SEND.invokeExact(state, fd, bufAddress, length, flags);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long readv(int fd, long iovAddress, int iovCount) {
        MemorySegment state = capture();
        try {
            long n = (long) READV.invokeExact(state, fd, iovAddress, iovCount);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long writev(int fd, long iovAddress, int iovCount) {
        MemorySegment state = capture();
        try {
            long n = (long) WRITEV.invokeExact(state, fd, iovAddress, iovCount);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockopt(int fd, int level, int option, long valueAddress, long lengthAddress) {
        MemorySegment state = capture();
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, option, valueAddress, lengthAddress) == 0
                    ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int setsockopt(int fd, int level, int option, long valueAddress, int length) {
        MemorySegment state = capture();
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, option, valueAddress, length) == 0
                    ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockname(int fd, long addrAddress, long addrLenAddress) {
        MemorySegment state = capture();
        try {
            return (int) GETSOCKNAME.invokeExact(state, fd, addrAddress, addrLenAddress) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getpeername(int fd, long addrAddress, long addrLenAddress) {
        MemorySegment state = capture();
        try {
            return (int) GETPEERNAME.invokeExact(state, fd, addrAddress, addrLenAddress) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        MemorySegment state = capture();
        try {
            int result = (int) FCNTL.invokeExact(state, fd, cmd, arg);
            return result != -1 ? result : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            // The returned segment has length 0; strerror(3) promises a NUL-terminated string.
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // -- UNIX sockets --

    @Override
    public long sendmsg(int fd, long msghdrAddress, int flags) {
        MemorySegment state = capture();
        try {
            long n = (long) SENDMSG.invokeExact(state, fd, msghdrAddress, flags);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long recvmsg(int fd, long msghdrAddress, int flags) {
        MemorySegment state = capture();
        try {
            long n = (long) RECVMSG.invokeExact(state, fd, msghdrAddress, flags);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // -- datagram sockets --

    @Override
    public long sendto(int fd, long bufAddress, long length, int flags, long destAddress, int destLength) {
        MemorySegment state = capture();
        try {
            long n = (long) SENDTO.invokeExact(state, fd, bufAddress, length, flags, destAddress, destLength);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long recvfrom(int fd, long bufAddress, long length, int flags, long srcAddress, long srcLengthAddress) {
        MemorySegment state = capture();
        try {
            long n = (long) RECVFROM.invokeExact(state, fd, bufAddress, length, flags, srcAddress, srcLengthAddress);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int recvmmsg(int fd, long msgvecAddress, int vlen, int flags, long timeoutAddress) {
        MemorySegment state = capture();
        try {
            int n = (int) RECVMMSG.invokeExact(state, fd, msgvecAddress, vlen, flags, timeoutAddress);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
