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
 * {@code kqueue} is. Stateless after construction and thread-safe.
 */
public final class PanamaKqueue implements Kqueue {

    private static final MethodHandle KQUEUE = Downcalls.unbound(CRITICAL_CAPTURE, FunctionDescriptor.of(INT));
    private static final MethodHandle KEVENT = Downcalls.unbound(BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, INT, LONG, INT, LONG));
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
