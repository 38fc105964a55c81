package dev.twine.nativeio.fault;

import com.kenai.jffi.MemoryIO;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.posix.SocketConstant;

/**
 * {@link PosixSockets} that fail as a {@link FaultPlan} says, and otherwise call the real ones.
 *
 * <p>It sits below {@link dev.twine.nativeio.posix.SocketCalls}, exactly where the kernel is, so an
 * injected {@code EINTR} exercises the real retry loop, an injected {@code EAGAIN} the reactor's
 * wait for readiness, and a short transfer the transport's bookkeeping. Faults are returned the way
 * the real binding returns errors, as {@code -errno}, with this OS's numbers.
 *
 * <p>A short {@code readv}/{@code writev} is made as a {@code read}/{@code write} of a prefix of the
 * first iovec, which is what the kernel does when little buffer space is free; the iovec memory is
 * read, never changed. Thread-safe like the plan.
 */
public final class FaultInjectingPosixSockets implements PosixSockets {

    private final PosixSockets real;
    private final FaultPlan plan;
    private final SocketAbi abi;
    private final int eagain;
    private final int eintr;
    private final int econnreset;
    private final int epipe;
    private final int emfile;
    private final int einprogress;

    /**
     * @param real  the calls to make when no fault is drawn
     * @param plan  the faults
     * @param abi   the layouts (for reading iovecs)
     * @param errno the errno numbers to return
     */
    public FaultInjectingPosixSockets(PosixSockets real, FaultPlan plan, SocketAbi abi, ErrnoTable errno) {
        this.real = real;
        this.plan = plan;
        this.abi = abi;
        this.eagain = errno.number("EAGAIN");
        this.eintr = errno.number("EINTR");
        this.econnreset = errno.number("ECONNRESET");
        this.epipe = errno.number("EPIPE");
        this.emfile = errno.number("EMFILE");
        this.einprogress = errno.number("EINPROGRESS");
    }

    private int errnoOf(Fault fault) {
        switch (fault) {
            case EAGAIN:
                return eagain;
            case EINTR:
                return eintr;
            case ECONNRESET:
                return econnreset;
            case EPIPE:
                return epipe;
            case EMFILE:
                return emfile;
            default:
                throw new IllegalArgumentException(fault + " has no errno");
        }
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        Fault fault = plan.decide(Call.SOCKET, false);
        return fault == null ? real.socket(domain, type, protocol) : -errnoOf(fault);
    }

    @Override
    public int accept4(int fd, long addrAddress, long addrLenAddress, int flags) {
        Fault fault = plan.decide(Call.ACCEPT, false);
        return fault == null ? real.accept4(fd, addrAddress, addrLenAddress, flags) : -errnoOf(fault);
    }

    @Override
    public int accept(int fd, long addrAddress, long addrLenAddress) {
        Fault fault = plan.decide(Call.ACCEPT, false);
        return fault == null ? real.accept(fd, addrAddress, addrLenAddress) : -errnoOf(fault);
    }

    @Override
    public int connect(int fd, long addrAddress, int addrLen) {
        Fault fault = plan.decide(Call.CONNECT, false);
        if (fault == Fault.EINTR) {
            // An interrupted connect carries on asynchronously (connect(2)); model that by starting
            // it for real and reporting the interruption.
            int result = real.connect(fd, addrAddress, addrLen);
            return result == 0 || result == -einprogress ? -eintr : result;
        }
        return real.connect(fd, addrAddress, addrLen);
    }

    @Override
    public int bind(int fd, long addrAddress, int addrLen) {
        return real.bind(fd, addrAddress, addrLen);
    }

    @Override
    public int listen(int fd, int backlog) {
        return real.listen(fd, backlog);
    }

    @Override
    public int shutdown(int fd, int how) {
        return real.shutdown(fd, how);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }

    @Override
    public long read(int fd, long bufAddress, long count) {
        Fault fault = plan.decide(Call.READ, count > 1);
        if (fault == null) {
            return real.read(fd, bufAddress, count);
        }
        return fault == Fault.SHORT_IO ? real.read(fd, bufAddress, plan.shortLength(count)) : -errnoOf(fault);
    }

    @Override
    public long write(int fd, long bufAddress, long count) {
        Fault fault = plan.decide(Call.WRITE, count > 1);
        if (fault == null) {
            return real.write(fd, bufAddress, count);
        }
        return fault == Fault.SHORT_IO ? real.write(fd, bufAddress, plan.shortLength(count)) : -errnoOf(fault);
    }

    /** A stream socket's read: the plan's {@link Call#READ} faults, as read(2) and recv(2) fail alike. */
    @Override
    public long recv(int fd, long bufAddress, long length, int flags) {
        Fault fault = plan.decide(Call.READ, length > 1);
        if (fault == null) {
            return real.recv(fd, bufAddress, length, flags);
        }
        return fault == Fault.SHORT_IO ? real.recv(fd, bufAddress, plan.shortLength(length), flags) : -errnoOf(fault);
    }

    /** A stream socket's write: the plan's {@link Call#WRITE} faults, as write(2) and send(2) fail alike. */
    @Override
    public long send(int fd, long bufAddress, long length, int flags) {
        Fault fault = plan.decide(Call.WRITE, length > 1);
        if (fault == null) {
            return real.send(fd, bufAddress, length, flags);
        }
        return fault == Fault.SHORT_IO ? real.send(fd, bufAddress, plan.shortLength(length), flags) : -errnoOf(fault);
    }

    @Override
    public long readv(int fd, long iovAddress, int iovCount) {
        Fault fault = plan.decide(Call.READV, firstIovLength(iovAddress, iovCount) > 1);
        if (fault == null) {
            return real.readv(fd, iovAddress, iovCount);
        }
        if (fault == Fault.SHORT_IO) {
            return real.read(fd, firstIovBase(iovAddress), plan.shortLength(firstIovLength(iovAddress, iovCount)));
        }
        return -errnoOf(fault);
    }

    @Override
    public long writev(int fd, long iovAddress, int iovCount) {
        Fault fault = plan.decide(Call.WRITEV, firstIovLength(iovAddress, iovCount) > 1);
        if (fault == null) {
            return real.writev(fd, iovAddress, iovCount);
        }
        if (fault == Fault.SHORT_IO) {
            return real.write(fd, firstIovBase(iovAddress), plan.shortLength(firstIovLength(iovAddress, iovCount)));
        }
        return -errnoOf(fault);
    }

    private long firstIovBase(long iovAddress) {
        return MemoryIO.getInstance().getLong(iovAddress + abi.get(SocketConstant.IOV_BASE));
    }

    private long firstIovLength(long iovAddress, int iovCount) {
        return iovCount <= 0 ? 0 : MemoryIO.getInstance().getLong(iovAddress + abi.get(SocketConstant.IOV_LEN));
    }

    @Override
    public int getsockopt(int fd, int level, int option, long valueAddress, long lengthAddress) {
        return real.getsockopt(fd, level, option, valueAddress, lengthAddress);
    }

    @Override
    public int setsockopt(int fd, int level, int option, long valueAddress, int length) {
        return real.setsockopt(fd, level, option, valueAddress, length);
    }

    @Override
    public int getsockname(int fd, long addrAddress, long addrLenAddress) {
        return real.getsockname(fd, addrAddress, addrLenAddress);
    }

    @Override
    public int getpeername(int fd, long addrAddress, long addrLenAddress) {
        return real.getpeername(fd, addrAddress, addrLenAddress);
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        return real.fcntl(fd, cmd, arg);
    }

    @Override
    public String strerror(int errno) {
        return real.strerror(errno);
    }

    // -- UNIX sockets: passed through; the fault plan has no descriptor-passing calls yet --

    @Override
    public long sendmsg(int fd, long msghdrAddress, int flags) {
        return real.sendmsg(fd, msghdrAddress, flags);
    }

    @Override
    public long recvmsg(int fd, long msghdrAddress, int flags) {
        return real.recvmsg(fd, msghdrAddress, flags);
    }

    /** A datagram is sent whole or not at all, so there are no short transfers here. */
    @Override
    public long sendto(int fd, long bufAddress, long length, int flags, long destAddress, int destLength) {
        Fault fault = plan.decide(Call.SENDTO, false);
        return fault == null ? real.sendto(fd, bufAddress, length, flags, destAddress, destLength) : -errnoOf(fault);
    }

    @Override
    public long recvfrom(int fd, long bufAddress, long length, int flags, long srcAddress, long srcLengthAddress) {
        Fault fault = plan.decide(Call.RECVFROM, false);
        return fault == null ? real.recvfrom(fd, bufAddress, length, flags, srcAddress, srcLengthAddress)
                : -errnoOf(fault);
    }

    /** Drawn as {@link Call#RECVFROM}: the same faults, for the batch form of the same read. */
    @Override
    public int recvmmsg(int fd, long msgvecAddress, int vlen, int flags, long timeoutAddress) {
        Fault fault = plan.decide(Call.RECVFROM, false);
        return fault == null ? real.recvmmsg(fd, msgvecAddress, vlen, flags, timeoutAddress) : -errnoOf(fault);
    }
}
