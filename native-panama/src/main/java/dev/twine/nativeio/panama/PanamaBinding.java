package dev.twine.nativeio.panama;

import dev.twine.nativeio.binding.NativeBinding;
import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.windows.Kernel32;
import dev.twine.nativeio.windows.NtDll;
import dev.twine.nativeio.windows.Winsock;

/**
 * The Panama binding ({@code java.lang.foreign}, JDK 22+), found by
 * {@link NativeBindings} through {@link java.util.ServiceLoader}: the C library's socket calls, epoll,
 * eventfd and kqueue, and on Windows kernel32, ntdll and ws2_32 ({@link PanamaKernel32},
 * {@link PanamaNtDll}, {@link PanamaWinsock}; checked on Linux, never run on Windows, native.md §7.4).
 * It loads no jnr-ffi or jffi class: its calls go through the JDK's own linker, so it prints none of
 * jffi's warnings about {@code sun.misc.Unsafe} and {@code System::load}. Run with
 * {@code --enable-native-access} naming this module (or {@code ALL-UNNAMED} on the class path), or the
 * JDK prints a warning at its first restricted call and a future JDK will refuse it (JEP 472).
 *
 * <p>Stateless and thread-safe; the constructor touches no native code.
 */
public final class PanamaBinding implements NativeBinding {

    /** For {@link java.util.ServiceLoader}. */
    public PanamaBinding() {
    }

    @Override
    public String name() {
        return NativeBindings.PANAMA;
    }

    @Override
    public PosixSockets posixSockets() {
        return new PanamaPosixSockets();
    }

    @Override
    public LinuxEpoll linuxEpoll() {
        return new PanamaLinuxEpoll();
    }

    @Override
    public EventFd eventFd() {
        return new PanamaEventFd();
    }

    @Override
    public Kqueue kqueue(String library) {
        return PanamaKqueue.load(library);
    }

    @Override
    public Kernel32 kernel32() {
        return PanamaKernel32.load();
    }

    @Override
    public NtDll ntdll() {
        return PanamaNtDll.load();
    }

    @Override
    public Winsock winsock() {
        return PanamaWinsock.load();
    }

    /**
     * The {@code GetLastError} value the thread's last capturing Windows call saved ({@link WinDowncalls}).
     * Windows only: elsewhere no such capture state exists and this throws.
     */
    @Override
    public int lastError() {
        return WinDowncalls.lastError();
    }
}
