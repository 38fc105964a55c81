package dev.twine.nativeio.binding;

import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.windows.Kernel32;
import dev.twine.nativeio.windows.NtDll;
import dev.twine.nativeio.windows.Winsock;

/**
 * One way of calling the operating system: a factory for the call interfaces the backends use.
 * Two exist: {@link JnrBinding} (jnr-ffi, JDK 17 and later, in this module) and the Panama binding
 * ({@code java.lang.foreign}, JDK 22 and later, in the {@code twine-native-panama} artifact, found
 * through {@link java.util.ServiceLoader}). Which one runs is decided once per JVM by
 * {@link NativeBindings}.
 *
 * <p>Every method binds what it returns when called and may throw a {@link LinkageError} or
 * {@link UnsupportedOperationException} naming what could not be bound (a library, a symbol, a
 * 32-bit runtime). The objects returned are stateless and thread-safe, like the interfaces they
 * implement.
 *
 * <p>An implementation must have a public no-argument constructor that touches no native code, so
 * that finding it is cheap and cannot fail for reasons other than the class itself; binding
 * happens in the methods.
 */
public interface NativeBinding {

    /** The binding's name as {@value NativeBindings#PROPERTY} spells it: {@code "panama"} or {@code "jnr"}. */
    String name();

    /** The POSIX socket calls of the C library. */
    PosixSockets posixSockets();

    /** Linux's epoll calls. */
    LinuxEpoll linuxEpoll();

    /** Linux's eventfd calls. */
    EventFd eventFd();

    /**
     * {@code kqueue} and {@code kevent}.
     *
     * @param library a shared library's path (libkqueue, the test emulation), or {@code null} for
     *                the C library
     */
    Kqueue kqueue(String library);

    /**
     * The kernel32 calls of the IOCP backend (completion ports, {@code CancelIoEx}). Windows only:
     * elsewhere this throws, naming the library that could not be found. Failures are read with
     * {@link #lastError()}.
     */
    Kernel32 kernel32();

    /** The ntdll calls behind {@code IOCTL_AFD_POLL}. Windows only, as {@link #kernel32()}. */
    NtDll ntdll();

    /**
     * The ws2_32 calls of the IOCP backend's sockets. Windows only, as {@link #kernel32()}. The
     * caller starts Winsock ({@code WSAStartup}) before any other call.
     */
    Winsock winsock();

    /**
     * The Win32 last-error value ({@code GetLastError()}, which on Windows NT is also
     * {@code WSAGetLastError()}) that the most recent failing {@link Kernel32} or {@link Winsock}
     * call of this binding left on the calling thread. Each binding copies it right after the call
     * returns, before the JVM can make a system call of its own that overwrites it; read it before
     * making another native call on the thread. Undefined after a call that succeeded.
     */
    int lastError();
}
