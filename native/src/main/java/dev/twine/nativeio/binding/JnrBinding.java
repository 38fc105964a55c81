package dev.twine.nativeio.binding;

import dev.twine.nativeio.bsd.JnrKqueue;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.JnrEventFd;
import dev.twine.nativeio.linux.JnrLinuxEpoll;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.JnrPosixSockets;
import dev.twine.nativeio.posix.PosixSockets;

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
}
