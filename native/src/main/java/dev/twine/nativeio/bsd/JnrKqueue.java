package dev.twine.nativeio.bsd;

import dev.twine.nativeio.posix.JnrPosixSockets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.provider.jffi.NoX86;

/**
 * {@link Kqueue} bound with jnr-ffi, either to the C library (macOS, FreeBSD) or to any other
 * library that exports {@code kqueue} and {@code kevent} (libkqueue, or the project's test
 * emulation), loaded by path through the same code.
 *
 * <p>{@code kevent} is declared with primitives and {@code long} addresses only and
 * {@code @SaveError}, so that errno is captured right after the call; it is fetched with
 * {@link Runtime#getLastError()} only after a {@code -1}.
 *
 * <p><b>Why {@code @NoX86}.</b> jnr-ffi 2.2.17's x86-64 assembler stub (native.md §1.2) passes a
 * wrong sixth argument: {@code kevent}'s timeout pointer arrived in C as a stack address, with both
 * {@code @SaveError} and {@code @IgnoreError}, so every call with a timeout failed with
 * {@code EINVAL} (measured here with a C function printing its arguments; the same bug is reported
 * as jnr/jnr-ffi#181, "6th argument corrupted when calling C function", still open). The first five
 * arguments were right. {@code @NoX86} makes jnr-ffi use its next generator, jffi's
 * {@code invokeN6}, which passes all six correctly at the cost of one more JNI hop, a few
 * nanoseconds against a system call. The emulation tests' timeout cases (in {@code backend-kqueue})
 * fail if the sixth argument is wrong again.
 *
 * <p>Several libraries exporting the same symbols can be bound in one JVM: each {@link #load} opens
 * its own handle and resolves the symbols in it.
 *
 * <p>Stateless and thread-safe.
 */
public final class JnrKqueue implements Kqueue {

    /** The kqueue functions; public only because jnr-ffi implements it in another class loader. */
    @NoX86
    public interface Native {
        @SaveError int kqueue();

        @SaveError int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout);

        /**
         * Resolved in the same library: the C library's own, or an emulation's that releases its
         * kqueue state (the symbol lookup falls through to the C library where the kqueue library
         * defines no close of its own, as libkqueue does).
         */
        @IgnoreError int close(int fd);
    }

    private final Native lib;
    private final Runtime runtime;
    private final String library;

    private JnrKqueue(Native lib, String library) {
        this.lib = lib;
        this.runtime = Runtime.getRuntime(lib);
        this.library = library;
    }

    /**
     * Binds {@code kqueue} and {@code kevent}.
     *
     * @param library a path to a shared library, or {@code null} for the C library
     * @throws UnsatisfiedLinkError if the library or one of the symbols cannot be found
     * @throws UnsupportedOperationException on a 32-bit runtime
     */
    public static JnrKqueue load(String library) {
        if (library == null) {
            return new JnrKqueue(JnrPosixSockets.loadLibC(Native.class), "the C library");
        }
        // failImmediately: a missing symbol fails here, naming the library, not at the first call.
        Native lib = LibraryLoader.create(Native.class).failImmediately().load(library);
        return new JnrKqueue(lib, library);
    }

    @Override
    public int kqueue() {
        int fd = lib.kqueue();
        return fd >= 0 ? fd : -runtime.getLastError();
    }

    @Override
    public int kevent(int kq, long changesAddress, int nchanges, long eventsAddress, int nevents, long timeoutAddress) {
        int n = lib.kevent(kq, changesAddress, nchanges, eventsAddress, nevents, timeoutAddress);
        return n >= 0 ? n : -runtime.getLastError();
    }

    @Override
    public int close(int fd) {
        return lib.close(fd);
    }

    @Override
    public String library() {
        return library;
    }
}
