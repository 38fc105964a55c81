package dev.twine.nativeio.fault;

import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.ErrnoTable;

/**
 * {@link LinuxEpoll} whose {@code epoll_wait} is interrupted ({@code EINTR}) as a
 * {@link FaultPlan} says ({@link Call#EPOLL_WAIT}); every other call goes to the real binding.
 * A poller must treat the interruption as "nothing ready" and let the reactor poll again.
 * Thread-safe like the plan.
 */
public final class FaultInjectingLinuxEpoll implements LinuxEpoll {

    private final LinuxEpoll real;
    private final FaultPlan plan;
    private final int eintr;

    public FaultInjectingLinuxEpoll(LinuxEpoll real, FaultPlan plan, ErrnoTable errno) {
        this.real = real;
        this.plan = plan;
        this.eintr = errno.number("EINTR");
    }

    @Override
    public int epollCreate1(int flags) {
        return real.epollCreate1(flags);
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long eventAddress) {
        return real.epollCtl(epfd, op, fd, eventAddress);
    }

    @Override
    public int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis) {
        return plan.decide(Call.EPOLL_WAIT, false) == Fault.EINTR
                ? -eintr
                : real.epollWait(epfd, eventsAddress, maxEvents, timeoutMillis);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }
}
