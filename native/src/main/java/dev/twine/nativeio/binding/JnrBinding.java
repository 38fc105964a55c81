package dev.twine.nativeio.binding;

import dev.twine.nativeio.bsd.JnrKqueue;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.JnrEventFd;
import dev.twine.nativeio.linux.JnrLinuxEpoll;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.JnrPosixSockets;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.windows.Kernel32;
import dev.twine.nativeio.windows.NtDll;
import dev.twine.nativeio.windows.Winsock;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * The jnr-ffi binding: each method loads the corresponding {@code Jnr...} class. This class is the
 * only door from the binding choice to jnr-ffi; {@link NativeBindings} names it only when jnr-ffi
 * was chosen, so that a JVM using the Panama binding never loads a jnr-ffi class and an application
 * may leave jnr-ffi out of its dependencies. Stateless and thread-safe.
 */
public final class JnrBinding implements NativeBinding {

    /** The name {@value NativeBindings#PROPERTY} gives this binding. */
    public static final String NAME = "jnr";

    /** Touches no native code; binding happens in each method. */
    public JnrBinding() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PosixSockets posixSockets() {
        return JnrPosixSockets.load();
    }

    @Override
    public LinuxEpoll linuxEpoll() {
        return JnrLinuxEpoll.load();
    }

    @Override
    public EventFd eventFd() {
        return JnrEventFd.load();
    }

    @Override
    public Kqueue kqueue(String library) {
        return JnrKqueue.load(library);
    }

    /** jnr-ffi reads the widths and error capture from the annotations on {@link Kernel32}. */
    @Override
    public Kernel32 kernel32() {
        return LibraryLoader.create(Kernel32.class).failImmediately().load("kernel32");
    }

    @Override
    public NtDll ntdll() {
        return LibraryLoader.create(NtDll.class).failImmediately().load("ntdll");
    }

    @Override
    public Winsock winsock() {
        return LibraryLoader.create(Winsock.class).failImmediately().load("ws2_32");
    }

    /** jffi's copy of the last error, saved after every {@code @SaveError} call on this thread. */
    @Override
    public int lastError() {
        return Runtime.getSystemRuntime().getLastError();
    }
}
