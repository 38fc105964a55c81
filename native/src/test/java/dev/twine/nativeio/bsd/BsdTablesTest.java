package dev.twine.nativeio.bsd;

import static dev.twine.nativeio.posix.SocketConstant.AF_INET6;
import static dev.twine.nativeio.posix.SocketConstant.SIN_FAMILY;
import static dev.twine.nativeio.posix.SocketConstant.SIN_FAMILY_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SOCK_NONBLOCK;
import static dev.twine.nativeio.posix.SocketConstant.SOL_SOCKET;
import static dev.twine.nativeio.posix.SocketConstant.SO_ERROR;
import static dev.twine.nativeio.posix.SocketConstant.SO_LINGER;
import static dev.twine.nativeio.posix.SocketConstant.SO_REUSEPORT;
import static dev.twine.nativeio.posix.SocketConstant.SO_REUSEPORT_LB;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.posix.SocketCalls;
import org.junit.jupiter.api.Test;

/**
 * The macOS and FreeBSD errno and socket tables, at the values where BSD differs from Linux and
 * where macOS and FreeBSD differ from each other (xnu bsd/sys/errno.h, FreeBSD sys/sys/errno.h,
 * sys/socket.h). These systems are not available to this project's CI, so these anchors are the
 * check; the behaviour is exercised only on the real systems.
 */
class BsdTablesTest {

    @Test
    void bothSystemsShare44BsdNumbersForTheSocketErrors() {
        for (ErrnoTable t : new ErrnoTable[] {Platform.DARWIN.errno(), Platform.FREEBSD.errno()}) {
            assertEquals(35, t.number("EAGAIN"));
            assertEquals(35, t.number("EWOULDBLOCK"));
            assertEquals("EAGAIN", t.name(35));
            assertEquals(36, t.number("EINPROGRESS"));
            assertEquals(37, t.number("EALREADY"));
            assertEquals(53, t.number("ECONNABORTED"));
            assertEquals(54, t.number("ECONNRESET"));
            assertEquals(57, t.number("ENOTCONN"));
            assertEquals(60, t.number("ETIMEDOUT"));
            assertEquals(61, t.number("ECONNREFUSED"));
            assertEquals(65, t.number("EHOSTUNREACH"));
            assertEquals(48, t.number("EADDRINUSE"));
            assertEquals(24, t.number("EMFILE"));
            assertEquals(2, t.number("ENOENT"));
            assertEquals(4, t.number("EINTR"));
            assertEquals("ECONNRESET: read: Connection reset by peer",
                    t.withMessages(n -> n == 54 ? "Connection reset by peer" : "?").exception("read", 54).getMessage(),
                    "messages come from the binding's strerror");
        }
    }

    @Test
    void macosAndFreebsdDifferAbove81AndOnEopnotsupp() {
        assertEquals(102, Platform.DARWIN.errno().number("EOPNOTSUPP"));
        assertEquals(45, Platform.FREEBSD.errno().number("EOPNOTSUPP"));
        assertEquals(89, Platform.DARWIN.errno().number("ECANCELED"));
        assertEquals(85, Platform.FREEBSD.errno().number("ECANCELED"));
        assertEquals(78, Platform.DARWIN.errno().number("ENOSYS"));
        assertFalse(Platform.FREEBSD.errno().has("EQFULL"), "only the names Twine acts on are listed");
    }

    @Test
    void socketTablesDifferFromLinuxAndFromEachOther() {
        SocketAbi darwin = Platform.DARWIN.socketAbi();
        SocketAbi freebsd = Platform.FREEBSD.socketAbi();
        assertEquals(30, darwin.get(AF_INET6));
        assertEquals(28, freebsd.get(AF_INET6));
        assertEquals(0xffff, darwin.get(SOL_SOCKET));
        assertEquals(0x1007, freebsd.get(SO_ERROR));
        assertEquals(1, darwin.get(SIN_FAMILY), "after the one-byte sin_len");
        assertEquals(1, darwin.get(SIN_FAMILY_SIZE));
        assertFalse(darwin.hasAccept4(), "macOS has no accept4");
        assertEquals(0, darwin.flag(SOCK_NONBLOCK), "so the layer uses fcntl");
        assertTrue(freebsd.hasAccept4());
        assertEquals(0x20000000, freebsd.get(SOCK_NONBLOCK));
        assertEquals(0x1080, darwin.get(SO_LINGER), "SO_LINGER_SEC: seconds, as POSIX means");
    }

    @Test
    void reusePortIsEverywhereButTheLoadBalancingOneOnlyOnFreebsd() {
        assertEquals(15, Platform.LINUX.socketAbi().get(SO_REUSEPORT));
        assertEquals(0x0200, Platform.DARWIN.socketAbi().get(SO_REUSEPORT));
        assertEquals(0x0200, Platform.FREEBSD.socketAbi().get(SO_REUSEPORT));
        assertEquals(0x00010000, Platform.FREEBSD.socketAbi().get(SO_REUSEPORT_LB));
        assertFalse(Platform.LINUX.socketAbi().has(SO_REUSEPORT_LB));
        assertFalse(Platform.DARWIN.socketAbi().has(SO_REUSEPORT_LB));
        assertThrows(UnsupportedOperationException.class, () -> Platform.LINUX.socketAbi().get(SO_REUSEPORT_LB));
    }

    @Test
    void theSocketLayerFindsEveryErrnoItNeedsInBothTables() {
        assertDoesNotThrow(() -> new SocketCalls(null, Platform.DARWIN.socketAbi(), Platform.DARWIN.errno()));
        assertDoesNotThrow(() -> new SocketCalls(null, Platform.FREEBSD.socketAbi(), Platform.FREEBSD.errno()));
    }
}
