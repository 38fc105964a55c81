package dev.twine.nativeio.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The per-ABI tables, as quoted from xnu's and FreeBSD's {@code sys/event.h}. (The tables are also
 * checked against a compiled build of each ABI in {@code backend-kqueue}'s emulation tests.)
 */
class KeventLayoutTest {

    @Test
    void macosKeventIs32BytesWithEvfiltUserMinus10() {
        assertEquals(32, KeventLayout.DARWIN.size());
        assertEquals(-10, KeventLayout.DARWIN.evfiltUser());
        assertFalse(KeventLayout.DARWIN.hasExt());
        assertEquals(-1, KeventLayout.DARWIN.extOffset());
    }

    @Test
    void freebsdKeventIs64BytesWithExtAt32AndEvfiltUserMinus11() {
        assertEquals(64, KeventLayout.FREEBSD.size());
        assertEquals(-11, KeventLayout.FREEBSD.evfiltUser());
        assertTrue(KeventLayout.FREEBSD.hasExt());
        assertEquals(32, KeventLayout.FREEBSD.extOffset());
    }

    @Test
    void libkqueueKeepsThe32ByteStructWithFreebsdFilterNumbers() {
        assertEquals(32, KeventLayout.LIBKQUEUE.size());
        assertEquals(-11, KeventLayout.LIBKQUEUE.evfiltUser());
    }

    @Test
    void theFirst32BytesHaveTheSameOffsetsInEveryAbi() {
        for (KeventLayout layout : KeventLayout.values()) {
            assertEquals(0, layout.identOffset());
            assertEquals(8, layout.filterOffset());
            assertEquals(10, layout.flagsOffset());
            assertEquals(12, layout.fflagsOffset());
            assertEquals(16, layout.dataOffset());
            assertEquals(24, layout.udataOffset());
        }
    }

    @Test
    void abiNamesAreParsedInAnyCaseAndUnknownOnesAreRejected() {
        assertEquals(KeventLayout.DARWIN, KeventLayout.forName("Darwin"));
        assertEquals(KeventLayout.DARWIN, KeventLayout.forName("macos"));
        assertEquals(KeventLayout.FREEBSD, KeventLayout.forName(" FREEBSD "));
        assertEquals(KeventLayout.LIBKQUEUE, KeventLayout.forName("libkqueue"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeventLayout.forName("openbsd"));
        assertTrue(e.getMessage().contains("darwin, freebsd or libkqueue"));
    }

    @Test
    void onlyMacosAndFreebsdHaveAnOwnLayout() {
        assertEquals(KeventLayout.DARWIN, KeventLayout.forOperatingSystem("Mac OS X"));
        assertEquals(KeventLayout.FREEBSD, KeventLayout.forOperatingSystem("FreeBSD"));
        assertNull(KeventLayout.forOperatingSystem("Linux"));
        assertNull(KeventLayout.forOperatingSystem("OpenBSD"), "not verified, so not guessed");
        assertNull(KeventLayout.forOperatingSystem("Windows 11"));
    }
}
