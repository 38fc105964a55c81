package dev.twine.backend.epoll;

import dev.twine.nativeio.linux.EpollEvent;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SocketErrorException;

import java.io.IOException;
import java.nio.ByteBuffer;

import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLERR;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLET;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLHUP;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLIN;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLOUT;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLRDHUP;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLL_CTL_ADD;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLL_CTL_DEL;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLL_CTL_MOD;

/**
 * A level-triggered {@link Poller} over one epoll instance (epoll(7)), for {@link PosixHandle}s: the
 * shape of the JDK's {@code EPoll} plus mio's {@code epoll.rs}. It keeps no per-descriptor state.
 *
 * <p><b>Registration.</b> Each call is one {@code epoll_ctl}, made at once: the reactor has already
 * batched and compared interest, so every call is a real change. The reactor's token rides in
 * {@code epoll_data} and comes back with each event. {@code EPOLL_CTL_ADD} meeting {@code EEXIST} falls back
 * to {@code EPOLL_CTL_MOD}, and {@code MOD} meeting {@code ENOENT} to {@code ADD}: both happen only when a
 * descriptor was closed behind the reactor's back and its number reused, and then the caller's intent is
 * clear. Removal tolerates {@code ENOENT} and {@code EBADF}: closing a descriptor removes it from every
 * epoll set by itself (epoll(7), "Questions and answers", Q6).
 *
 * <p><b>Events.</b> Reading interest asks for {@code EPOLLIN | EPOLLRDHUP} (so a peer's half-close is seen
 * as {@link #READ_HANGUP} without a read), writing for {@code EPOLLOUT}. The kernel always adds
 * {@code EPOLLHUP} and {@code EPOLLERR}, reported as {@link #HANGUP} and {@link #ERROR}. epoll delivers no
 * error code with an event, so the sink's error is always null and the next read or {@code SO_ERROR} tells
 * it. Each descriptor appears at most once per {@code epoll_wait}, so no merging is needed.
 *
 * <p><b>Wake-up</b> is an eventfd registered {@code EPOLLIN | EPOLLET} under a negative token and never
 * read: each {@code eventfd_write} is a new edge, so a wake-up costs one system call on the waking thread
 * and none on the loop (Netty #9192). The reactor gates {@link #wakeup()} to once per sleep, so the counter
 * grows by at most one per loop iteration and cannot come near its 2^64 - 2 limit.
 *
 * <p><b>Memory.</b> The event array and the {@code epoll_ctl} argument live in direct memory, read at the
 * {@link EpollEvent} offsets of this architecture; a poll allocates nothing. The array doubles from
 * {@value #INITIAL_EVENTS} to {@value #MAX_EVENTS} events whenever a wait fills it (as Netty's
 * {@code EpollEventArray} does); events beyond it stay pending in the kernel for the next wait.
 *
 * <p><b>Threading.</b> Reactor thread only, except {@link #wakeup()}.
 */
public final class EpollPoller implements Poller<PosixHandle> {

    static final int INITIAL_EVENTS = 256;
    static final int MAX_EVENTS = 4096;

    /** {@code epoll_data} of the wake-up eventfd; reactor tokens are never negative. */
    private static final long WAKEUP_TOKEN = -1L;

    private final LinuxEpoll epoll;
    private final EventFd eventFd;
    private final ErrnoTable errno;
    private final EpollEvent layout;
    private final int epfd;
    private final int wakeFd;

    private final Object wakeLock = new Object();
    private boolean wakeFdClosed;

    private ByteBuffer events;
    private long eventsAddress;
    private int capacity;
    private final ByteBuffer ctlEvent;
    private final long ctlEventAddress;

    private final int eintr;
    private final int enoent;
    private final int eexist;
    private final int ebadf;
    private boolean closed;

    private EpollPoller(LinuxBindings bindings, int epfd, int wakeFd) {
        this.epoll = bindings.epoll();
        this.eventFd = bindings.eventFd();
        this.errno = bindings.errno();
        this.layout = bindings.eventLayout();
        this.epfd = epfd;
        this.wakeFd = wakeFd;
        this.eintr = errno.number("EINTR");
        this.enoent = errno.number("ENOENT");
        this.eexist = errno.number("EEXIST");
        this.ebadf = errno.number("EBADF");
        this.ctlEvent = DirectMemory.allocate(layout.size());
        this.ctlEventAddress = DirectMemory.address(ctlEvent);
        allocateEvents(INITIAL_EVENTS);
    }

    /**
     * Creates the epoll instance and its wake-up eventfd.
     *
     * @throws SocketErrorException if either cannot be created, e.g. {@code EMFILE}
     */
    public static EpollPoller open(LinuxBindings bindings) throws IOException {
        ErrnoTable errno = bindings.errno();
        int epfd = bindings.epoll().epollCreate1(LinuxEpoll.EPOLL_CLOEXEC);
        if (epfd < 0) {
            throw errno.exception("epoll_create1", -epfd);
        }
        int wakeFd = bindings.eventFd().eventfd(0, EventFd.EFD_CLOEXEC | EventFd.EFD_NONBLOCK);
        if (wakeFd < 0) {
            bindings.epoll().close(epfd);
            throw errno.exception("eventfd", -wakeFd);
        }
        EpollPoller poller = new EpollPoller(bindings, epfd, wakeFd);
        int result = poller.control(EPOLL_CTL_ADD, wakeFd, EPOLLIN | EPOLLET, WAKEUP_TOKEN);
        if (result < 0) {
            poller.close();
            throw errno.exception("epoll_ctl", -result);
        }
        return poller;
    }

    // -- registration --

    @Override
    public void register(PosixHandle handle, long token, int ops) throws IOException {
        control(handle, EPOLL_CTL_ADD, eexist, EPOLL_CTL_MOD, token, ops);
    }

    @Override
    public void reregister(PosixHandle handle, long token, int previousOps, int ops) throws IOException {
        control(handle, EPOLL_CTL_MOD, enoent, EPOLL_CTL_ADD, token, ops);
    }

    /** One {@code epoll_ctl}, and {@code fallback} if the kernel answers {@code retryOn}; see the class comment. */
    private void control(PosixHandle handle, int op, int retryOn, int fallback, long token, int ops)
            throws IOException {
        ensureOpen();
        int fd = handle.fileno();
        if (fd < 0) {
            throw errno.exception("epoll_ctl", ebadf);
        }
        int result = control(op, fd, toEpoll(ops), token);
        if (result == -retryOn) {
            result = control(fallback, fd, toEpoll(ops), token);
        }
        if (result < 0) {
            throw errno.exception("epoll_ctl", -result);
        }
    }

    @Override
    public void deregister(PosixHandle handle, int previousOps) throws IOException {
        ensureOpen();
        int fd = handle.fileno();
        if (fd < 0) {
            return; // closed: the kernel dropped it with the descriptor
        }
        int result = epoll.epollCtl(epfd, EPOLL_CTL_DEL, fd, ctlEventAddress);
        if (result < 0 && result != -enoent && result != -ebadf) {
            throw errno.exception("epoll_ctl", -result);
        }
    }

    private int control(int op, int fd, int epollEvents, long token) {
        ctlEvent.putInt(layout.eventsOffset(), epollEvents);
        ctlEvent.putLong(layout.dataOffset(), token);
        return epoll.epollCtl(epfd, op, fd, ctlEventAddress);
    }

    // -- waiting --

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        ensureOpen();
        int n = epoll.epollWait(epfd, eventsAddress, capacity, toMillis(timeoutNanos));
        if (n < 0) {
            if (n != -eintr) {
                throw errno.exception("epoll_wait", -n);
            }
            return 0; // a signal; the reactor recomputes its timeout and polls again
        }
        int reported = 0;
        int stride = layout.size();
        int eventsOffset = layout.eventsOffset();
        int dataOffset = layout.dataOffset();
        for (int i = 0; i < n; i++) {
            int at = i * stride;
            long token = events.getLong(at + dataOffset);
            if (token == WAKEUP_TOKEN) {
                continue;
            }
            int ready = toReady(events.getInt(at + eventsOffset));
            if (ready != 0) {
                reported++;
                sink.ready(token, ready, null);
            }
        }
        if (n == capacity && capacity < MAX_EVENTS) {
            allocateEvents(capacity * 2);
        }
        return reported;
    }

    @Override
    public void wakeup() {
        // The lock makes close() and a concurrent wakeup() exclusive, so a wake-up can never write
        // to a descriptor number that close() released and the kernel handed to someone else.
        synchronized (wakeLock) {
            if (!wakeFdClosed) {
                eventFd.write(wakeFd, 1);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (wakeLock) {
            wakeFdClosed = true;
            eventFd.close(wakeFd);
        }
        epoll.close(epfd);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("epoll poller is closed");
        }
    }

    private void allocateEvents(int count) {
        events = DirectMemory.allocate(count * layout.size());
        eventsAddress = DirectMemory.address(events);
        capacity = count;
    }

    // -- translation, pure functions --

    /** Interest bits to the epoll events to ask for. */
    static int toEpoll(int ops) {
        int epollEvents = 0;
        if ((ops & READ) != 0) {
            epollEvents |= EPOLLIN | EPOLLRDHUP;
        }
        if ((ops & WRITE) != 0) {
            epollEvents |= EPOLLOUT;
        }
        return epollEvents;
    }

    /**
     * Reported epoll events to ready bits; the reactor masks them with the interest it wants now.
     * Branch-free: each bit is moved by a constant shift. A chain of {@code if}s here was compiled with
     * an uncommon trap on the rare bits (the first {@code EPOLLRDHUP} or {@code EPOLLHUP} of a run), and
     * that trap threw away the whole compiled dispatch path it was inlined into, which the JIT then
     * compiled again (seen with {@code -Xlog:deoptimization} on the side-by-side bench).
     */
    static int toReady(int epollEvents) {
        return move(epollEvents, EPOLLIN, READ)
                | move(epollEvents, EPOLLRDHUP, READ_HANGUP)
                | move(epollEvents, EPOLLOUT, WRITE)
                | move(epollEvents, EPOLLHUP, HANGUP)
                | move(epollEvents, EPOLLERR, ERROR);
    }

    /** Bit {@code from} of {@code bits}, moved to bit {@code to}; both single-bit constants, so the shift folds. */
    private static int move(int bits, int from, int to) {
        int shift = Integer.numberOfTrailingZeros(from) - Integer.numberOfTrailingZeros(to);
        int bit = bits & from;
        return shift >= 0 ? bit >>> shift : bit << -shift;
    }

    /**
     * The {@code epoll_wait} timeout for a poll timeout: negative waits forever, zero returns at once,
     * anything else is rounded up to whole milliseconds, so a timer is never woken early, and clamped to
     * {@code Integer.MAX_VALUE} ms (about 24.8 days; the reactor polls again).
     */
    static int toMillis(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "EpollPoller[epfd=" + epfd + ", wakeFd=" + wakeFd + (closed ? ", closed]" : "]");
    }
}
