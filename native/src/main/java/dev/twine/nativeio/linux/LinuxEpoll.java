package dev.twine.nativeio.linux;

/**
 * The epoll system calls ({@code <sys/epoll.h>}, epoll(7)) in the flat shape of
 * {@link dev.twine.nativeio.posix.PosixSockets}: ints and addresses in, a result or {@code -errno}
 * out, {@code -EINTR} passed through for the caller to decide.
 *
 * <p>The constants are the same on every architecture Twine supports (they come from
 * {@code include/uapi/linux/eventpoll.h}); the layout of {@code struct epoll_event} is not, and is
 * given by {@link EpollEvent}.
 *
 * <p>Production implementations: {@link JnrLinuxEpoll} (jnr-ffi) and {@code PanamaLinuxEpoll}
 * (JDK 22+), one chosen per JVM by {@code NativeBindings}. Tests wrap either with
 * {@code dev.twine.nativeio.fault.FaultInjectingLinuxEpoll}. Implementations are stateless and
 * thread-safe.
 */
public interface LinuxEpoll {

    /** Readable. */
    int EPOLLIN = 0x001;
    /** Urgent data (not used by Twine; listed because a full mask may carry it). */
    int EPOLLPRI = 0x002;
    /** Writable. */
    int EPOLLOUT = 0x004;
    /** An error is pending; always reported, never requested. */
    int EPOLLERR = 0x008;
    /** Hang-up (both directions closed, or reset); always reported, never requested. */
    int EPOLLHUP = 0x010;
    /** The peer shut down its writing half (since Linux 2.6.17). */
    int EPOLLRDHUP = 0x2000;
    /** Edge-triggered: report a change of state once. Used only for the wake-up eventfd. */
    int EPOLLET = 1 << 31;

    /** {@code epoll_ctl} operation: register a descriptor. */
    int EPOLL_CTL_ADD = 1;
    /** {@code epoll_ctl} operation: deregister a descriptor. */
    int EPOLL_CTL_DEL = 2;
    /** {@code epoll_ctl} operation: change a registered descriptor's events and data. */
    int EPOLL_CTL_MOD = 3;

    /** {@code epoll_create1} flag: close-on-exec (equals {@code O_CLOEXEC}). */
    int EPOLL_CLOEXEC = 0x80000;

    /** {@code int epoll_create1(int flags)}: a descriptor or {@code -errno}. */
    int epollCreate1(int flags);

    /**
     * {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)}: 0 or
     * {@code -errno}. {@code eventAddress} points to one {@link EpollEvent}; it may be {@code 0}
     * for {@link #EPOLL_CTL_DEL} (Linux 2.6.9+).
     */
    int epollCtl(int epfd, int op, int fd, long eventAddress);

    /**
     * {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)}: the
     * number of events written at {@code eventsAddress}, or {@code -errno}. {@code timeoutMillis}
     * {@code -1} waits indefinitely, {@code 0} returns at once.
     */
    int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis);

    /** {@code close} for the epoll descriptor; the result carries no errno (see {@code PosixSockets#close}). */
    int close(int fd);
}
