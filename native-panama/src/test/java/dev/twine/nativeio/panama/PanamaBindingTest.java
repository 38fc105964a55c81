package dev.twine.nativeio.panama;

import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.linux.EpollEvent;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.JnrPosixSockets;
import dev.twine.nativeio.posix.PosixSockets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Panama binding makes the same calls with the same results as the jnr-ffi one: the same
 * descriptors' behaviour, the same negated errno values, the same strerror texts. Each check runs
 * the call through both bindings where the two can be compared.
 */
class PanamaBindingTest {

    private static final ErrnoTable ERRNO = Platform.LINUX.errno();

    private final PosixSockets panama = new PanamaPosixSockets();

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "these calls are checked on Linux");
    }

    @Test
    void isTheAutomaticChoiceOnThisJdkUnlessForcedOtherwise() {
        String forced = System.getProperty(NativeBindings.PROPERTY);
        assumeTrue(forced == null || forced.isBlank(), "twine.native is set");
        assertEquals("panama", NativeBindings.choice().name(), NativeBindings.choice().describe());
    }

    @Test
    void badDescriptorFailsWithNegatedEbadfLikeJnr() {
        int ebadf = ERRNO.number("EBADF");
        ByteBuffer buffer = DirectMemory.allocate(16);
        long address = DirectMemory.address(buffer);
        assertEquals(-ebadf, panama.read(-1, address, 16));
        assertEquals(-ebadf, panama.write(-1, address, 16));
        assertEquals(-ebadf, panama.fcntl(-1, 1, 0));
        assertEquals(-ebadf, JnrPosixSockets.load().read(-1, address, 16));
        // Stream sockets read and write through recv/send (PosixSockets#recv): bound alike in both bindings.
        assertEquals(-ebadf, panama.recv(-1, address, 16, 0));
        assertEquals(-ebadf, panama.send(-1, address, 16, 0));
        assertEquals(-ebadf, JnrPosixSockets.load().recv(-1, address, 16, 0));
        assertEquals(-ebadf, JnrPosixSockets.load().send(-1, address, 16, 0));
    }

    @Test
    void emptyNonBlockingSocketReadFailsWithNegatedEagain() {
        int fd = panama.socket(2 /* AF_INET */, 1 /* SOCK_STREAM */ | 0x800 /* SOCK_NONBLOCK */, 0);
        assertTrue(fd >= 0, "socket: " + fd);
        try {
            ByteBuffer buffer = DirectMemory.allocate(16);
            // An unconnected stream socket: read fails with ENOTCONN, not EAGAIN; both are errno values.
            long n = panama.read(fd, DirectMemory.address(buffer), 16);
            assertEquals(-ERRNO.number("ENOTCONN"), n);
            assertEquals(-ERRNO.number("ENOTCONN"), panama.recv(fd, DirectMemory.address(buffer), 16, 0));
        } finally {
            assertEquals(0, panama.close(fd));
        }
    }

    @Test
    void strerrorGivesTheCLibrarysTextLikeJnr() {
        PosixSockets jnr = JnrPosixSockets.load();
        for (int errno : new int[] {1, 4, 11, 32, 104, 111, 9999}) {
            assertEquals(jnr.strerror(errno), panama.strerror(errno), "errno " + errno);
        }
        assertEquals("Connection refused", panama.strerror(ERRNO.number("ECONNREFUSED")));
    }

    @Test
    void aFailedEpollWaitStillReportsItsErrnoThoughTheLoopsCallCapturesNone() {
        LinuxEpoll epoll = new PanamaLinuxEpoll();
        ByteBuffer events = DirectMemory.allocate(EpollEvent.current().size() * 4);
        int notEpoll = new PanamaEventFd().eventfd(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC);
        try {
            // epoll_wait(2): EINVAL when the descriptor is not an epoll instance or maxevents is not positive.
            assertEquals(-ERRNO.number("EINVAL"), epoll.epollWait(notEpoll, DirectMemory.address(events), 4, 0));
            assertEquals(-ERRNO.number("EBADF"), epoll.epollWait(-1, DirectMemory.address(events), 4, 1000));
            int ep = epoll.epollCreate1(LinuxEpoll.EPOLL_CLOEXEC);
            try {
                assertEquals(-ERRNO.number("EINVAL"), epoll.epollWait(ep, DirectMemory.address(events), 0, 1000));
            } finally {
                epoll.close(ep);
            }
        } finally {
            new PanamaEventFd().close(notEpoll);
        }
    }

    @Test
    void eventfdWriteWakesEpollWithTheRegisteredData() {
        LinuxEpoll epoll = new PanamaLinuxEpoll();
        EventFd eventFd = new PanamaEventFd();
        EpollEvent layout = EpollEvent.current();
        int ep = epoll.epollCreate1(LinuxEpoll.EPOLL_CLOEXEC);
        int efd = eventFd.eventfd(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC);
        assertTrue(ep >= 0 && efd >= 0, ep + " " + efd);
        try {
            ByteBuffer event = DirectMemory.allocate(layout.size());
            event.putInt(layout.eventsOffset(), LinuxEpoll.EPOLLIN);
            event.putLong(layout.dataOffset(), 0x1234_5678_9abcL);
            assertEquals(0, epoll.epollCtl(ep, LinuxEpoll.EPOLL_CTL_ADD, efd, DirectMemory.address(event)));
            ByteBuffer events = DirectMemory.allocate(layout.size() * 4);
            assertEquals(0, epoll.epollWait(ep, DirectMemory.address(events), 4, 0));
            assertEquals(0, eventFd.write(efd, 1));
            assertEquals(1, epoll.epollWait(ep, DirectMemory.address(events), 4, 1000));
            assertEquals(0x1234_5678_9abcL, events.getLong(layout.dataOffset()));
            assertEquals(-ERRNO.number("EEXIST"),
                    epoll.epollCtl(ep, LinuxEpoll.EPOLL_CTL_ADD, efd, DirectMemory.address(event)));
        } finally {
            eventFd.close(efd);
            epoll.close(ep);
        }
    }

    @Test
    void directMemoryAddressIsIndexZeroWhateverThePosition() {
        ByteBuffer buffer = DirectMemory.allocate(64);
        long base = DirectMemory.address(buffer);
        buffer.position(10);
        assertEquals(base, DirectMemory.address(buffer));
    }
}
