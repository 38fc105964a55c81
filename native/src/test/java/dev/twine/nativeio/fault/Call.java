package dev.twine.nativeio.fault;

import java.util.EnumSet;
import java.util.Set;

/**
 * The system calls a {@link FaultPlan} can make fail, each with the faults that are meaningful for
 * it (those the real call can produce, as its man page lists them).
 */
public enum Call {
    /** socket(2): runs out of descriptors. */
    SOCKET(EnumSet.of(Fault.EMFILE)),
    /** accept4(2)/accept(2): nothing pending after all, a signal, or out of descriptors. */
    ACCEPT(EnumSet.of(Fault.EAGAIN, Fault.EINTR, Fault.EMFILE)),
    /** connect(2): interrupted, which leaves the connect in progress. */
    CONNECT(EnumSet.of(Fault.EINTR)),
    /** read(2), and recv(2), with which stream sockets read. */
    READ(EnumSet.of(Fault.EAGAIN, Fault.EINTR, Fault.SHORT_IO, Fault.ECONNRESET)),
    /** readv(2). */
    READV(EnumSet.of(Fault.EAGAIN, Fault.EINTR, Fault.SHORT_IO, Fault.ECONNRESET)),
    /** write(2), and send(2), with which stream sockets write. */
    WRITE(EnumSet.of(Fault.EAGAIN, Fault.EINTR, Fault.SHORT_IO, Fault.ECONNRESET, Fault.EPIPE)),
    /** writev(2). */
    WRITEV(EnumSet.of(Fault.EAGAIN, Fault.EINTR, Fault.SHORT_IO, Fault.ECONNRESET, Fault.EPIPE)),
    /** epoll_wait(2): interrupted by a signal. */
    EPOLL_WAIT(EnumSet.of(Fault.EINTR)),
    /** sendto(2): a full send buffer (the datagram is dropped), or a signal. */
    SENDTO(EnumSet.of(Fault.EAGAIN, Fault.EINTR)),
    /** recvfrom(2): nothing queued after all, or a signal. */
    RECVFROM(EnumSet.of(Fault.EAGAIN, Fault.EINTR));

    private final Set<Fault> possible;

    Call(Set<Fault> possible) {
        this.possible = possible;
    }

    /** True when this call can fail with {@code fault}. */
    public boolean canFailWith(Fault fault) {
        return possible.contains(fault);
    }
}
