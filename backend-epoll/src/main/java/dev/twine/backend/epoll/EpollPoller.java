package dev.twine.backend.epoll;

import dev.twine.nativeio.linux.EpollEvent;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;

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
 * A level-triggered {@link Poller} over one epoll instance (epoll(7)), for {@link PosixHandle}s.
 *
 * <p><b>Interest changes</b> are queued by {@link #setInterest} and applied in one pass just before
 * {@code epoll_wait} (as the JDK's {@code EPollSelectorImpl.processUpdateQueue} and libuv's watcher
 * queue do): a handle whose wanted events equal what the kernel already has costs nothing, so a
 * writer that is added and removed within one loop iteration never reaches the kernel. The
 * operation follows the kernel's state: {@code EPOLL_CTL_ADD} when it has nothing,
 * {@code EPOLL_CTL_MOD} otherwise. Removal (interest {@code 0}) is the exception: it is applied at
 * once with {@code EPOLL_CTL_DEL}, because the reactor closes the descriptor right after, and a
 * queued removal would otherwise reach a descriptor number the kernel may already have given to a
 * new socket.
 *
 * <p><b>Events.</b> Reading interest asks for {@code EPOLLIN | EPOLLRDHUP} (so a peer's half-close
 * is seen as {@link #READ_HANGUP} without a read), writing for {@code EPOLLOUT}. The kernel always
 * adds {@code EPOLLHUP} and {@code EPOLLERR}, reported as {@link #HANGUP} and {@link #ERROR}.
 * Readable/writable bits are masked with the interest in force when the event is dispatched, so a
 * callback that drops another handle's interest earlier in the same batch is respected; events of
 * a registration removed meanwhile are dropped (see {@link FdTable}).
 *
 * <p><b>Wake-up</b> is an eventfd registered {@code EPOLLIN | EPOLLET} and never read: each
 * {@code eventfd_write} is a new edge, so the wake-up costs one system call on the waking thread
 * and none on the loop (Netty #9192). The reactor gates {@link #wakeup()} to once per sleep, so the
 * counter grows by at most one per loop iteration and cannot come near its 2^64 - 2 limit.
 *
 * <p><b>Memory.</b> The event array and the {@code epoll_ctl} argument live in direct memory
 * allocated here and read at the {@link EpollEvent} offsets of this architecture; a poll allocates
 * nothing. The array starts at {@value #INITIAL_EVENTS} events and doubles, up to
 * {@value #MAX_EVENTS}, whenever a wait fills it (Netty's {@code EpollEventArray} grows the same
 * way); events beyond the array stay pending in the kernel and come with the next wait.
 *
 * <p><b>Threading.</b> Reactor thread only, except {@link #wakeup()}.
 */
public final class EpollPoller implements Poller {

    private static final System.Logger LOG = System.getLogger(EpollPoller.class.getName());

    static final int INITIAL_EVENTS = 256;
    static final int MAX_EVENTS = 4096;

    /** {@code epoll_data} of the wake-up eventfd: descriptor -1, which no handle can have. */
    private static final long WAKEUP_TOKEN = -1L;

    private final LinuxEpoll epoll;
    private final EventFd eventFd;
    private final ErrnoTable errno;
    private final EpollEvent layout;
    private final int epfd;
    private final int wakeFd;

    private final Object wakeLock = new Object();
    private boolean wakeFdClosed;

    private final FdTable table = new FdTable();
    private int[] changes = new int[64];
    private int changeCount;
    private int[] failed = new int[8];
    private int failedCount;

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

    // -- interest --

    @Override
    public void setInterest(SelectableHandle handle, int ops) throws IOException {
        if (!(handle instanceof PosixHandle)) {
            throw new IllegalArgumentException("not a POSIX descriptor handle: " + handle);
        }
        if ((ops & ~(READ | WRITE)) != 0) {
            throw new IllegalArgumentException("interest must combine READ and WRITE, got " + ops);
        }
        ensureOpen();
        PosixHandle posix = (PosixHandle) handle;
        int fd = posix.fileno();
        if (ops == 0) {
            deregister(fd, posix);
            return;
        }
        if (fd < 0) {
            throw errno.exception("epoll_ctl", ebadf);
        }
        table.ensureCapacity(fd);
        if (table.handles[fd] != posix) {
            table.claim(fd, posix);
        }
        table.wanted[fd] = ops;
        if (!table.queued[fd]) {
            table.queued[fd] = true;
            if (changeCount == changes.length) {
                changes = Arrays.copyOf(changes, changeCount * 2);
            }
            changes[changeCount++] = fd;
        }
    }

    /**
     * Removes {@code handle} from the kernel's set now. A handle that is not registered (already
     * removed, or its descriptor already closed, in which case the kernel dropped it itself) is
     * ignored, so removal is idempotent.
     */
    private void deregister(int fd, PosixHandle handle) throws SocketErrorException {
        if (table.handle(fd) != handle) {
            return;
        }
        boolean inKernel = table.registered[fd] != 0;
        table.release(fd);
        if (inKernel) {
            int result = epoll.epollCtl(epfd, EPOLL_CTL_DEL, fd, ctlEventAddress);
            if (result < 0 && result != -enoent && result != -ebadf) {
                throw errno.exception("epoll_ctl", -result);
            }
        }
    }

    /** Applies the queued changes; see the class comment. */
    private void applyChanges() {
        for (int i = 0; i < changeCount; i++) {
            int fd = changes[i];
            table.queued[fd] = false;
            if (table.handles[fd] == null) {
                continue;
            }
            int want = toEpoll(table.wanted[fd]);
            int have = table.registered[fd];
            if (want == have) {
                continue;
            }
            long token = table.token(fd);
            int result;
            if (have == 0) {
                result = control(EPOLL_CTL_ADD, fd, want, token);
                if (result == -eexist) {
                    // Registered through a descriptor we lost track of (closed without removal
                    // while a duplicate kept it alive); taking it over is what the caller wants.
                    result = control(EPOLL_CTL_MOD, fd, want, token);
                }
            } else {
                result = control(EPOLL_CTL_MOD, fd, want, token);
                if (result == -enoent) {
                    result = control(EPOLL_CTL_ADD, fd, want, token);
                }
            }
            if (result == 0) {
                table.registered[fd] = want;
            } else {
                registrationFailed(fd, -result);
            }
        }
        changeCount = 0;
    }

    /**
     * A queued registration failed ({@code EBADF} for a descriptor closed behind the reactor's back,
     * {@code EPERM} for one epoll cannot watch, {@code ENOMEM}...). There is no caller to throw to
     * any more, so the handle is reported with {@link #ERROR} by the next {@link #poll}; the
     * reactor's read or write then meets the real error and closes the connection.
     */
    private void registrationFailed(int fd, int error) {
        LOG.log(Level.WARNING, () -> "epoll_ctl failed for " + table.handles[fd] + ": "
                + errno.name(error) + " (" + errno.message(error) + ")");
        if (table.registered[fd] != 0) {
            epoll.epollCtl(epfd, EPOLL_CTL_DEL, fd, ctlEventAddress);
            table.registered[fd] = 0;
        }
        if (failedCount == failed.length) {
            failed = Arrays.copyOf(failed, failedCount * 2);
        }
        failed[failedCount++] = fd;
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
        applyChanges();
        int timeout = failedCount > 0 ? 0 : toMillis(timeoutNanos);
        int n = epoll.epollWait(epfd, eventsAddress, capacity, timeout);
        if (n < 0) {
            if (n == -eintr) {
                // A signal; the reactor recomputes its timeout and polls again.
                n = 0;
            } else {
                throw errno.exception("epoll_wait", -n);
            }
        }
        int reported = reportFailures(sink);
        int stride = layout.size();
        int eventsOffset = layout.eventsOffset();
        int dataOffset = layout.dataOffset();
        for (int i = 0; i < n; i++) {
            int at = i * stride;
            long token = events.getLong(at + dataOffset);
            if (token == WAKEUP_TOKEN) {
                continue;
            }
            PosixHandle handle = table.resolve(token);
            if (handle == null) {
                continue;
            }
            int ready = toReady(events.getInt(at + eventsOffset), table.wanted[(int) token]);
            if (ready != 0) {
                reported++;
                sink.ready(handle, ready);
            }
        }
        if (n == capacity && capacity < MAX_EVENTS) {
            allocateEvents(capacity * 2);
        }
        return reported;
    }

    private int reportFailures(ReadySink sink) {
        int reported = 0;
        for (int i = 0; i < failedCount; i++) {
            PosixHandle handle = table.handles[failed[i]];
            if (handle != null && table.registered[failed[i]] == 0) {
                reported++;
                sink.ready(handle, ERROR);
            }
        }
        failedCount = 0;
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
        table.clear();
        changeCount = 0;
        failedCount = 0;
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
     * Reported epoll events to ready bits, keeping {@link #READ}, {@link #WRITE} and
     * {@link #READ_HANGUP} only where wanted now, and {@link #HANGUP} and {@link #ERROR} always
     * (the kernel reports them whatever was asked, and the reactor must hear of them).
     */
    static int toReady(int epollEvents, int wanted) {
        int ready = 0;
        if ((epollEvents & EPOLLIN) != 0 && (wanted & READ) != 0) {
            ready |= READ;
        }
        if ((epollEvents & EPOLLRDHUP) != 0 && (wanted & READ) != 0) {
            ready |= READ_HANGUP;
        }
        if ((epollEvents & EPOLLOUT) != 0 && (wanted & WRITE) != 0) {
            ready |= WRITE;
        }
        if ((epollEvents & EPOLLHUP) != 0) {
            ready |= HANGUP;
        }
        if ((epollEvents & EPOLLERR) != 0) {
            ready |= ERROR;
        }
        return ready;
    }

    /**
     * The {@code epoll_wait} timeout for a poll timeout: negative waits forever, zero returns at
     * once, anything else is rounded up to whole milliseconds, so a timer is never woken early, and
     * clamped to {@code Integer.MAX_VALUE} ms (about 24.8 days; the reactor polls again).
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
