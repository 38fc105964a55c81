package dev.twine.backend.kqueue.shim;

import dev.twine.nativeio.posix.JnrPosixSockets;
import jnr.ffi.annotations.SaveError;

/**
 * The few C calls the emulation tests need beyond the POSIX socket layer: descriptor pairs to
 * watch, and the emulation's own introspection is in {@link ShimIntrospection}.
 */
public interface TestLibc {

    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOCK_NONBLOCK = 0x800;

    /** {@code int socketpair(int domain, int type, int protocol, int sv[2])}. */
    @SaveError int socketpair(int domain, int type, int protocol, long sv);

    /** {@code int pipe2(int fds[2], int flags)}. */
    @SaveError int pipe2(long fds, int flags);

    /** Binds the C library. */
    static TestLibc load() {
        return JnrPosixSockets.loadLibC(TestLibc.class);
    }
}
