package dev.twine.nativeio.bsd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.posix.ErrnoTable;
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
        for (ErrnoTable t : new ErrnoTable[] {BsdErrno.DARWIN, BsdErrno.FREEBSD}) {
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
            assertEquals("Connection reset by peer", t.message(54));
        }
    }

    @Test
    void macosAndFreebsdDifferAbove81AndOnEopnotsupp() {
        assertEquals(102, BsdErrno.DARWIN.number("EOPNOTSUPP"));
        assertEquals(45, BsdErrno.DARWIN.number("ENOTSUP"));
        assertEquals(45, BsdErrno.FREEBSD.number("EOPNOTSUPP"));
        assertEquals(45, BsdErrno.FREEBSD.number("ENOTSUP"));
        assertEquals(89, BsdErrno.DARWIN.number("ECANCELED"));
        assertEquals(85, BsdErrno.FREEBSD.number("ECANCELED"));
        assertFalse(BsdErrno.FREEBSD.has("EQFULL"));
        assertTrue(BsdErrno.FREEBSD.has("ECAPMODE"));
    }

    @Test
    void socketTablesDifferFromLinuxAndFromEachOther() {
        assertEquals(30, BsdSocketAbi.DARWIN.afInet6());
        assertEquals(28, BsdSocketAbi.FREEBSD.afInet6());
        assertEquals(0xffff, BsdSocketAbi.DARWIN.solSocket());
        assertEquals(0x1007, BsdSocketAbi.FREEBSD.soError());
        assertTrue(BsdSocketAbi.DARWIN.sockaddrHasLength());
        assertFalse(BsdSocketAbi.DARWIN.hasAccept4(), "macOS has no accept4");
        assertEquals(0, BsdSocketAbi.DARWIN.sockNonblock(), "so the layer uses fcntl");
        assertTrue(BsdSocketAbi.FREEBSD.hasAccept4());
        assertEquals(0x20000000, BsdSocketAbi.FREEBSD.sockNonblock());
        assertEquals(0x1080, BsdSocketAbi.DARWIN.soLinger(), "SO_LINGER_SEC: seconds, as POSIX means");
    }

    @Test
    void theSocketLayerFindsEveryErrnoItNeedsInBothTables() {
        assertDoesNotThrow(() -> new SocketCalls(null, BsdSocketAbi.DARWIN, BsdErrno.DARWIN));
        assertDoesNotThrow(() -> new SocketCalls(null, BsdSocketAbi.FREEBSD, BsdErrno.FREEBSD));
    }
}
