package dev.twine.nativeio.posix;

import dev.twine.nativeio.linux.LinuxErrno;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The errno table: names, aliases, unknown numbers, and the one exception it makes. */
class ErrnoTableTest {

    private final ErrnoTable linux = LinuxErrno.TABLE;

    @Test
    void aliasesShareANumberAndThePrimaryNameWins() {
        assertEquals(11, linux.number("EAGAIN"));
        assertEquals(11, linux.number("EWOULDBLOCK"));
        assertEquals("EAGAIN", linux.name(11));
        assertEquals("EDEADLK", linux.name(linux.number("EDEADLOCK")));
    }

    @Test
    void unknownNumbersAreNamedEioAndSaySo() {
        assertEquals("EIO", linux.name(4242));
        assertEquals("EIO", linux.name(0));
        assertEquals("Unknown error 4242", linux.message(4242));
    }

    @Test
    void unknownNamesAreRefused() {
        assertFalse(linux.has("ENOTANERRNO"));
        assertTrue(linux.has("ECONNRESET"));
        assertThrows(IllegalArgumentException.class, () -> linux.number("ENOTANERRNO"));
    }

    @Test
    void exceptionCarriesNameNumberCallAndText() {
        SocketErrorException e = linux.exception("connect", 111);
        assertEquals(SocketError.ECONNREFUSED, e.error());
        assertEquals(111, e.osCode());
        assertEquals("ECONNREFUSED: connect: Connection refused", e.getMessage());
    }

    @Test
    void builderRejectsDuplicatesAndBadNumbers() {
        ErrnoTable.Builder builder = ErrnoTable.builder("test").add(1, "EPERM", "Operation not permitted");
        assertThrows(IllegalArgumentException.class, () -> builder.add(2, "EPERM", "again"));
        assertThrows(IllegalArgumentException.class, () -> builder.add(0, "EZERO", "zero"));
        assertThrows(IllegalArgumentException.class, () -> builder.alias("EX", "EMISSING"));
        ErrnoTable table = builder.alias("EPERMISSION", "EPERM").build();
        assertEquals(1, table.number("EPERMISSION"));
        assertEquals("test", table.system());
    }
}
