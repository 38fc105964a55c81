package dev.twine.nativeio;

import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.Errno;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.windows.WinsockErrors;

import java.util.Locale;

/**
 * The operating system the native layer talks to, decided in this one place, and the seam where a
 * binding of its C functions is chosen.
 *
 * <p>Each constant is one column of the per-OS tables ({@code posix.SocketConstant},
 * {@link Errno}): {@link #socketAbi()} and {@link #errno()} hand out that column. A kqueue emulation on
 * Linux (libkqueue, the test shim) runs over Linux sockets, so it uses {@link #LINUX}'s tables with a
 * BSD kevent layout; the layout belongs to the kqueue library and is chosen by {@code KqueueConfig}.
 *
 * <p>The static factories {@link #posixSockets()}, {@link #linuxEpoll()}, {@link #eventFd()} and
 * {@link #kqueue(String)} take their calls from the binding {@link NativeBindings#current()} chose
 * (Panama or jnr-ffi, semantics.md §6.1). Windows' three libraries are bound together, once per process,
 * by {@code windows.Win32}, whose private {@code load()} asks the same {@link NativeBindings#current()}
 * for them and keeps the binding for its last-error value.
 *
 * <p>Only 64-bit x86-64 and aarch64 are described: every table assumes 8-byte pointers and
 * {@code size_t}. Immutable and thread-safe.
 */
public enum Platform {
    /** Linux on x86-64 or aarch64 (the {@code asm-generic} numbers). */
    LINUX,
    /** macOS (xnu). */
    DARWIN,
    /** FreeBSD 12 and later. */
    FREEBSD,
    /** 64-bit Windows (Winsock); also under Wine. */
    WINDOWS;

    /**
     * The platform of this JVM.
     *
     * @throws UnsupportedOperationException on another OS or a 32-bit or other architecture
     */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * The platform for an {@code os.name} and {@code os.arch} pair.
     *
     * @throws UnsupportedOperationException when no table describes them
     */
    public static Platform of(String osName, String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64") && !arch.equals("arm64")) {
            throw new UnsupportedOperationException("no native tables for architecture " + osArch
                    + " (x86-64 and aarch64 only)");
        }
        Platform p = forOsName(osName);
        if (p == null) {
            throw new UnsupportedOperationException("no native tables for " + osName);
        }
        return p;
    }

    /** The platform an {@code os.name} names, whatever the architecture, or {@code null} for another OS. */
    public static Platform forOsName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return LINUX;
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            return DARWIN;
        } else if (os.startsWith("freebsd")) {
            return FREEBSD;
        } else if (os.startsWith("windows")) {
            return WINDOWS;
        }
        return null;
    }

    /** Lower-case label used in messages, e.g. {@code "linux"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This platform's socket constants and structure layouts. */
    public SocketAbi socketAbi() {
        return SocketAbi.of(this);
    }

    /**
     * This platform's errno names (Winsock codes on {@link #WINDOWS}). Messages of the POSIX tables come
     * from the binding's {@code strerror}, attached by {@link ErrnoTable#withMessages}.
     */
    public ErrnoTable errno() {
        return this == WINDOWS ? WinsockErrors.TABLE : ErrnoTable.of(this);
    }

    /**
     * The kevent ABI of this platform's own C library: {@code null} where it has no kqueue (Linux, whose
     * emulations are loaded by path with an explicit ABI; Windows).
     */
    public KeventLayout keventLayout() {
        return this == DARWIN ? KeventLayout.DARWIN : this == FREEBSD ? KeventLayout.FREEBSD : null;
    }

    /** The POSIX socket calls, through the binding {@link NativeBindings#current()} chose (the binding seam). */
    public static PosixSockets posixSockets() {
        return NativeBindings.current().posixSockets();
    }

    /** The Linux epoll calls, through the chosen binding. */
    public static LinuxEpoll linuxEpoll() {
        return NativeBindings.current().linuxEpoll();
    }

    /** The Linux eventfd calls, through the chosen binding. */
    public static EventFd eventFd() {
        return NativeBindings.current().eventFd();
    }

    /** The kqueue calls of {@code library} (a path, or null for the C library), through the chosen binding. */
    public static Kqueue kqueue(String library) {
        return NativeBindings.current().kqueue(library);
    }
}
