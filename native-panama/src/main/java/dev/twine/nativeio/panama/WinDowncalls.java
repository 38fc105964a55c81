package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.Win32;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * What the Panama Windows classes share: the three DLLs' symbols and last-error capture.
 *
 * <p><b>Nothing Windows-specific happens at class initialization.</b> The DLLs are looked up, and the
 * {@code GetLastError} capture state named, only when a handle is first bound, which each binding class
 * does in a holder class initialized on its first call. So on Linux every class of the binding loads
 * (and its descriptors can be built and checked), while binding a handle fails with an
 * {@link UnsatisfiedLinkError} naming the OS.
 *
 * <p><b>The last error is captured</b> ({@link Linker.Option#captureCallState}) into the same per-thread
 * segment as errno ({@link Downcalls#capture()}: the platform's {@code captureStateLayout()}, which on
 * Windows holds {@code GetLastError}, {@code WSAGetLastError} and {@code errno}), allocated once per thread
 * and reused by every call. Only {@code GetLastError} is captured, for the ws2_32 calls too: on Windows NT
 * {@code WSAGetLastError} returns the thread's last-error value, the one {@code GetLastError} returns, and
 * the jnr-ffi binding reads that same value ({@code Runtime.getLastError()}); one capture per call keeps
 * the stub to one extra call, and {@link #lastError()} to one load.
 *
 * <p>Thread-safe: the lookups are made once under a lock; the capture segment is per thread.
 */
final class WinDowncalls {

    private static final Map<WinFunction.Library, SymbolLookup> LIBRARIES = new EnumMap<>(WinFunction.Library.class);

    /**
     * A library standing in for the three DLLs, and the capture state standing in for
     * {@code GetLastError}: set only by {@code WinCallPathTest}'s child JVM, before any handle is bound,
     * so that the binding classes' calls (argument order, exact invocation types, last-error read) run on
     * Linux against a C library exporting functions of the same names. Null in production.
     */
    private static volatile StandIn standIn;

    record StandIn(SymbolLookup library, String captureState) {
    }

    private WinDowncalls() {
    }

    /** For {@code WinCallPathTest} only: see {@link #standIn}. Call before any Windows handle is bound. */
    static void standIn(SymbolLookup library, String captureState) {
        standIn = new StandIn(library, captureState);
    }

    /** Created on first use: {@code GetLastError} is a capture state only the Windows linker has. */
    private static final class LastError {
        static final String STATE = standIn == null ? "GetLastError" : standIn.captureState();
        static final Linker.Option CAPTURE = Linker.Option.captureCallState(STATE);
        static final VarHandle VALUE = Linker.Option.captureStateLayout().varHandle(groupElement(STATE));
    }

    static Linker.Option captureLastError() {
        return LastError.CAPTURE;
    }

    /** The calling thread's capture segment, to pass as the first argument of a capturing handle. */
    static MemorySegment capture() {
        return Downcalls.capture();
    }

    /** The last error the most recent capturing call on this thread saved. */
    static int lastError() {
        return (int) LastError.VALUE.get(Downcalls.capture(), 0L);
    }

    /**
     * Initializes a binding class's holder of handles, so that every handle is bound now and a failure is
     * reported here, as the {@link UnsatisfiedLinkError} that caused it, rather than as an
     * {@link ExceptionInInitializerError} at the first call.
     */
    static void initialize(MethodHandles.Lookup owner, Class<?> handles) {
        try {
            owner.ensureInitialized(handles);
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof UnsatisfiedLinkError unsatisfied) {
                throw unsatisfied;
            }
            throw e;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The address of {@code symbol} in {@code library}.
     *
     * @throws UnsatisfiedLinkError off Windows, or when the DLL cannot be opened or lacks the symbol
     */
    static MemorySegment find(WinFunction.Library library, String symbol) {
        return lookup(library).find(symbol).orElseThrow(
                () -> new UnsatisfiedLinkError(library.dll + " has no symbol " + symbol));
    }

    private static synchronized SymbolLookup lookup(WinFunction.Library library) {
        StandIn test = standIn;
        if (test != null) {
            return test.library();
        }
        SymbolLookup found = LIBRARIES.get(library);
        if (found == null) {
            if (!Win32.isWindows()) {
                throw new UnsatisfiedLinkError("the Panama binding of " + library.dll
                        + " needs Windows; this is " + System.getProperty("os.name"));
            }
            Downcalls.requireLp64();
            try {
                // The global arena: the DLLs stay loaded for the life of the process, as the handles do.
                found = SymbolLookup.libraryLookup(library.dll, Arena.global());
            } catch (IllegalArgumentException notLoadable) {
                UnsatisfiedLinkError e = new UnsatisfiedLinkError("cannot load " + library.dll + ": "
                        + notLoadable.getMessage());
                e.initCause(notLoadable);
                throw e;
            }
            LIBRARIES.put(library, found);
        }
        return found;
    }
}
