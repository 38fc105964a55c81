package dev.twine.nativeio;

import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.posix.SocketConstant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one place the native layer decides which operating system's tables apply. */
class PlatformTest {

    @Test
    void osNamesAsTheJdkReportsThemSelectTheirPlatform() {
        assertSame(Platform.LINUX, Platform.of("Linux", "amd64"));
        assertSame(Platform.LINUX, Platform.of("Linux", "aarch64"));
        assertSame(Platform.DARWIN, Platform.of("Mac OS X", "aarch64"));
        assertSame(Platform.FREEBSD, Platform.of("FreeBSD", "amd64"));
        assertSame(Platform.WINDOWS, Platform.of("Windows 10", "amd64"));
    }

    @Test
    void anotherOsOrA32BitOrForeignArchitectureIsRefusedNamingIt() {
        UnsupportedOperationException os = assertThrows(UnsupportedOperationException.class,
                () -> Platform.of("SunOS", "amd64"));
        assertTrue(os.getMessage().contains("SunOS"), os.getMessage());
        UnsupportedOperationException arch = assertThrows(UnsupportedOperationException.class,
                () -> Platform.of("Linux", "x86"));
        assertTrue(arch.getMessage().contains("x86"), arch.getMessage());
        assertNull(Platform.forOsName("OpenBSD"));
    }

    @Test
    void onlyMacosAndFreebsdHaveAKqueueOfTheirOwn() {
        assertSame(KeventLayout.DARWIN, Platform.DARWIN.keventLayout());
        assertSame(KeventLayout.FREEBSD, Platform.FREEBSD.keventLayout());
        assertNull(Platform.LINUX.keventLayout(), "emulations on Linux name their ABI explicitly");
        assertNull(Platform.WINDOWS.keventLayout());
    }

    @Test
    void eachPlatformHandsOutItsOwnColumnOfTheTables() {
        assertEquals(10, Platform.LINUX.socketAbi().get(SocketConstant.AF_INET6));
        assertEquals(23, Platform.WINDOWS.socketAbi().get(SocketConstant.AF_INET6));
        assertEquals(11, Platform.LINUX.errno().number("EAGAIN"));
        assertEquals(35, Platform.DARWIN.errno().number("EAGAIN"));
        assertEquals(10035, Platform.WINDOWS.errno().number("EAGAIN"));
        assertSame(Platform.LINUX.errno(), Platform.LINUX.errno(), "built once");
    }
}
