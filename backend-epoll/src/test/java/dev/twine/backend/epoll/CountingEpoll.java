package dev.twine.backend.epoll;

import dev.twine.nativeio.linux.LinuxEpoll;

import java.util.ArrayList;
import java.util.List;

/** Records every epoll_ctl made through it (operation and descriptor) and counts waits. */
final class CountingEpoll implements LinuxEpoll {

    private final LinuxEpoll real;
    final List<String> controls = new ArrayList<>();
    int waits;

    CountingEpoll(LinuxEpoll real) {
        this.real = real;
    }

    /** Forgets what was recorded so far. */
    void reset() {
        controls.clear();
        waits = 0;
    }

    @Override
    public int epollCreate1(int flags) {
        return real.epollCreate1(flags);
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long eventAddress) {
        controls.add((op == EPOLL_CTL_ADD ? "ADD " : op == EPOLL_CTL_MOD ? "MOD " : "DEL ") + fd);
        return real.epollCtl(epfd, op, fd, eventAddress);
    }

    @Override
    public int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis) {
        waits++;
        return real.epollWait(epfd, eventsAddress, maxEvents, timeoutMillis);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }
}
