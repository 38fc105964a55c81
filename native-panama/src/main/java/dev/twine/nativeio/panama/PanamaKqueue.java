package dev.twine.nativeio.panama;

import dev.twine.nativeio.bsd.Kqueue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static dev.twine.nativeio.panama.Downcalls.INT;
import static dev.twine.nativeio.panama.Downcalls.LONG;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.Kind.CRITICAL_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.capture;
import static dev.twine.nativeio.panama.Downcalls.errno;
import static dev.twine.nativeio.panama.Downcalls.unexpected;

/**
 * {@link Kqueue} bound with {@code java.lang.foreign}, to the C library (macOS, FreeBSD) or to a
 * library loaded by name or path (libkqueue, the project's test emulation with either ABI).
 *
 * <p>Several libraries exporting the same symbols can be bound in one JVM, so the functions'
 * addresses are per instance; the handles stay {@code static final} by taking the address as their
 * first argument ({@link Downcalls#unbound}). Unlike jnr-ffi's x86-64 stub (see
 * {@code JnrKqueue}), the linker passes all six {@code kevent} arguments by the ABI, so no
 * workaround is needed. {@code kevent} may sleep for its timeout and is not critical;
 * {@code kqueue} is. {@link #waitForEvents}, the event loop's usual call, captures errno only after it
 * failed ({@link #WAIT}). Stateless after construction and thread-safe.
 */
public final class PanamaKqueue implements Kqueue {

    private static final MethodHandle KQUEUE = Downcalls.unbound(CRITICAL_CAPTURE, FunctionDescriptor.of(INT));
    private static final MethodHandle KEVENT = Downcalls.unbound(BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, INT, LONG, INT, LONG));
    /**
     * {@code kevent} without errno capture, for {@link #waitForEvents}. The reason is
     * {@code PanamaLinuxEpoll.WAIT}'s: the linker slices the capture segment on every call and C2 does not
     * always remove the slice. The echo allocation probe on the project's kqueue emulation measured 7 to
     * 9 bytes per message on the event loop in 3 of 36 runs while every wait captured errno. A call with
     * changes keeps the capture ({@link #KEVENT}): one that failed may already have applied some of them
     * (kqueue(2) applies changes before it waits), so it must not be repeated.
     */
    private static final MethodHandle WAIT = Downcalls.unbound(BLOCKING,
            FunctionDescriptor.of(INT, INT, LONG, INT, LONG, INT, LONG));
    /** A {@code struct timespec} of zero (two 64-bit fields on every LP64 kqueue ABI), never written. */
    private static final MemorySegment ZERO_TIMEOUT = Arena.global().allocate(2 * Long.BYTES, Long.BYTES);
    private static final MethodHandle CLOSE = Downcalls.unbound(BLOCKING, FunctionDescriptor.of(INT, INT));

    private final MemorySegment kqueue;
    private final MemorySegment kevent;
    private final MemorySegment close;
    private final String library;

    private PanamaKqueue(SymbolLookup lookup, String library) {
        this.kqueue = find(lookup, "kqueue", library);
        this.kevent = find(lookup, "kevent", library);
        // An emulation's own close releases its kqueue state; where the library defines none, the
        // lookup on its handle falls through to the C library's (dlsym searches dependencies).
        this.close = lookup.find("close").orElseGet(() -> find(Downcalls.LIBC, "close", "the C library"));
        this.library = library;
    }

    /**
     * Binds {@code kqueue} and {@code kevent}.
     *
     * @param library a shared library's path or name, or {@code null} for the C library
     * @throws UnsatisfiedLinkError if the library or one of the symbols cannot be found, naming it
     * @throws IllegalArgumentException if the library cannot be opened
     */
    public static PanamaKqueue load(String library) {
        Downcalls.requireLp64();
        if (library == null) {
            return new PanamaKqueue(Downcalls.LIBC, "the C library");
        }
        // The global arena: a loaded library stays loaded for the JVM's life, as with jnr-ffi.
        return new PanamaKqueue(SymbolLookup.libraryLookup(library, Arena.global()), library);
    }

    private static MemorySegment find(SymbolLookup lookup, String name, String library) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError(library + " has no symbol " + name));
    }

    @Override
    public int kqueue() {
        MemorySegment state = capture();
        try {
            int fd = (int) KQUEUE.invokeExact(kqueue, state);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int kevent(int kq, long changesAddress, int nchanges, long eventsAddress, int nevents, long timeoutAddress) {
        MemorySegment state = capture();
        try {
            int n = (int) KEVENT.invokeExact(kevent, state, kq, changesAddress, nchanges, eventsAddress, nevents,
                    timeoutAddress);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Without capture; a failure is answered by {@link #pollAgainForErrno}, as {@link Kqueue#waitForEvents} allows. */
    @Override
    public int waitForEvents(int kq, long eventsAddress, int nevents, long timeoutAddress) {
        try {
            int n = (int) WAIT.invokeExact(kevent, kq, 0L, 0, eventsAddress, nevents, timeoutAddress);
            return n >= 0 ? n : pollAgainForErrno(kq, eventsAddress, nevents);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * After a failed wait, whose errno the JVM may already have overwritten: once more with capture and a
     * zero timeout. Kept out of {@link #waitForEvents} so that the loop's call stays small enough to inline,
     * as {@code PanamaLinuxEpoll.pollAgainForErrno} is. {@code EBADF}, {@code EFAULT} and {@code EINVAL} fail
     * again and are returned; after {@code EINTR} the second call returns what is ready now.
     */
    private int pollAgainForErrno(int kq, long eventsAddress, int nevents) throws Throwable {
        MemorySegment state = capture();
        int n = (int) KEVENT.invokeExact(kevent, state, kq, 0L, 0, eventsAddress, nevents, ZERO_TIMEOUT.address());
        return n >= 0 ? n : -errno(state);
    }

    @Override
    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(close, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public String library() {
        return library;
    }
}
