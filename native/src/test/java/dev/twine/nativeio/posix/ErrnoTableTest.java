package dev.twine.nativeio.posix;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The errno table: names, aliases, unknown numbers, and the one exception it makes. */
class ErrnoTableTest {

    private final ErrnoTable linux = Platform.LINUX.errno();

    @Test
    void aliasesShareANumberAndThePrimaryNameWins() {
        assertEquals(11, linux.number("EAGAIN"));
        assertEquals(11, linux.number("EWOULDBLOCK"));
        assertEquals("EAGAIN", linux.name(11));
    }

    @Test
    void unknownNumbersAreNamedEioAndDescribedByTheCLibrary() {
        assertEquals("EIO", linux.name(4242));
        assertEquals("EIO", linux.name(0));
        assertEquals("EIO", linux.name(18), "EXDEV is not a name Twine acts on");
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "glibc's strerror");
        ErrnoTable bound = LinuxBindings.load().errno();
        assertEquals("Unknown error 4242", bound.message(4242));
        assertEquals("Invalid cross-device link", bound.message(18));
    }

    @Test
    void unknownNamesAreRefused() {
        assertFalse(linux.has("ENOTANERRNO"));
        assertTrue(linux.has("ECONNRESET"));
        assertThrows(IllegalArgumentException.class, () -> linux.number("ENOTANERRNO"));
    }

    @Test
    void exceptionCarriesNameNumberCallAndStrerrorText() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "glibc's strerror");
        SocketErrorException e = LinuxBindings.load().errno().exception("connect", 111);
        assertEquals(SocketError.ECONNREFUSED, e.error());
        assertEquals(111, e.osCode());
        assertEquals("ECONNREFUSED: connect: Connection refused", e.getMessage());
    }

    @Test
    void tablesRejectBadNumbersAndKeepTheFirstRowOfANameAndOfANumber() {
        assertThrows(IllegalArgumentException.class,
                () -> ErrnoTable.of("test", new String[] {"EZERO"}, new int[] {0}, n -> ""));
        ErrnoTable table = ErrnoTable.of("test", new String[] {"EPERM", "EPERMISSION", "EPERM"},
                new int[] {1, 1, 2}, n -> "text " + n);
        assertEquals(1, table.number("EPERMISSION"));
        assertEquals(1, table.number("EPERM"));
        assertEquals("EPERM", table.name(1));
        assertEquals("EPERM", table.name(2));
        assertEquals("text 2", table.message(2));
        assertEquals("test", table.system());
    }
}
