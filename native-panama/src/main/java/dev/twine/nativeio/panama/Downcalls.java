package dev.twine.nativeio.panama;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * What every Panama binding class shares: the linker, the C library's symbols, and errno capture.
 *
 * <p><b>Hot-path rules</b>, which each binding class follows and this class makes easy:
 * <ul>
 *   <li><b>Handles are {@code static final} and invoked with {@code invokeExact}.</b> A constant
 *       handle is what lets C2 inline the downcall stub into the caller; {@code invoke} (or a
 *       handle in a non-final field) adds an adaptation or a megamorphic dispatch on every call.
 *       Calls into a library named at run time (kqueue) use an address-taking handle, still
 *       {@code static final}, with the function's address as first argument.</li>
 *   <li><b>Pointers are passed as {@code JAVA_LONG}.</b> The interfaces carry addresses as
 *       {@code long}; on the LP64 ABIs Twine supports (System V x86-64 and AArch64) a pointer and
 *       a {@code long} travel in the same register class, so declaring the parameter as a
 *       {@code long} passes it unchanged, where {@code ADDRESS} would need a
 *       {@code MemorySegment.ofAddress} wrapper per call.</li>
 *   <li><b>errno is captured, into one segment per thread.</b> The JVM may run code that changes
 *       errno between a downcall's return and any later read of it, so the value is copied by the
 *       stub itself ({@link Linker.Option#captureCallState}). The segment it is copied into is
 *       allocated once per thread ({@link #capture()}) and reused by every call on that thread; it
 *       is read only when the call returned -1. The linker itself still makes a slice of that segment
 *       per call, which C2 does not always remove; {@code epoll_wait}, made on every loop pass, is
 *       therefore bound without capture and repeated with it only after it failed
 *       ({@code PanamaLinuxEpoll.WAIT}). So is {@code kevent} with an empty change list, the loop's
 *       usual wait ({@code PanamaKqueue.WAIT}); with changes it keeps the capture, because a failed
 *       call may already have applied part of its change list, so it is not repeated.</li>
 *   <li><b>{@link Linker.Option#critical critical(false)} only for calls that cannot block</b>,
 *       whatever the mode of the descriptor passed: {@code getpid}, {@code socket}, {@code bind},
 *       {@code listen}, {@code shutdown}, {@code getsockopt}, {@code setsockopt},
 *       {@code getsockname}, {@code getpeername}, {@code fcntl}, {@code strerror},
 *       {@code epoll_create1}, {@code epoll_ctl}, {@code eventfd}, {@code kqueue}. A critical call
 *       skips the thread-state transition, so a safepoint (a GC) waits for it to return; a call
 *       that may wait for I/O ({@code read}, {@code write}, {@code readv}, {@code writev},
 *       {@code accept}, {@code connect}, {@code close} with {@code SO_LINGER},
 *       {@code epoll_wait}, {@code kevent}, {@code eventfd_write} on a blocking eventfd) must not
 *       hold the whole JVM up, even though Twine's own descriptors are non-blocking. The Windows
 *       functions' choices are listed, with their prototypes, in {@link WinFunction}.</li>
 * </ul>
 */
final class Downcalls {

    static final Linker LINKER = Linker.nativeLinker();

    /** The C library: the linker's default lookup holds libc's symbols on Linux, macOS and FreeBSD. */
    static final SymbolLookup LIBC = LINKER.defaultLookup();

    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /**
     * The errno capture segment of each thread: allocated the first time a thread makes a call
     * that captures errno, then reused for the thread's life (an automatic arena frees it once
     * the thread and its thread-local map are gone).
     */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    /** The thread's errno capture segment, to pass as the first argument of a capturing handle. */
    static MemorySegment capture() {
        return CAPTURE.get();
    }

    /** The errno the last capturing call on this thread left in {@code capture}. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** How a function is called. */
    enum Kind {
        /** May block: full thread-state transition, errno captured. */
        BLOCKING_CAPTURE(true, false),
        /** Cannot block: {@code critical(false)}, errno captured. */
        CRITICAL_CAPTURE(true, true),
        /** May block, errno not wanted. */
        BLOCKING(false, false),
        /** Cannot block, errno not wanted. */
        CRITICAL(false, true);

        final boolean captures;
        final boolean critical;

        Kind(boolean captures, boolean critical) {
            this.captures = captures;
            this.critical = critical;
        }

        Linker.Option[] options(int firstVariadic) {
            Linker.Option[] options = new Linker.Option[0];
            if (captures) {
                options = append(options, CAPTURE_ERRNO);
            }
            if (critical) {
                options = append(options, Linker.Option.critical(false));
            }
            if (firstVariadic >= 0) {
                options = append(options, Linker.Option.firstVariadicArg(firstVariadic));
            }
            return options;
        }

        private static Linker.Option[] append(Linker.Option[] options, Linker.Option option) {
            Linker.Option[] longer = Arrays.copyOf(options, options.length + 1);
            longer[options.length] = option;
            return longer;
        }
    }

    private Downcalls() {
    }

    /**
     * A handle on a C library function.
     *
     * @throws UnsatisfiedLinkError if the C library has no such symbol
     */
    static MethodHandle libc(String name, Kind kind, FunctionDescriptor descriptor) {
        return libc(name, kind, descriptor, -1);
    }

    /** As {@link #libc(String, Kind, FunctionDescriptor)}, for a variadic function. */
    static MethodHandle libc(String name, Kind kind, FunctionDescriptor descriptor, int firstVariadic) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, kind.options(firstVariadic));
    }

    /**
     * A handle whose first argument (after the capture segment, if any) is the function's address,
     * for functions found in a library only named at run time.
     */
    static MethodHandle unbound(Kind kind, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(descriptor, kind.options(-1));
    }

    /** Refuses runtimes whose pointers are not 64-bit: every address in Twine is a {@code long}. */
    static void requireLp64() {
        long size = ValueLayout.ADDRESS.byteSize();
        if (size != 8) {
            throw new UnsupportedOperationException(
                    "Twine's native bindings need a 64-bit runtime, this one has " + size * 8 + "-bit addresses");
        }
    }

    /** What a downcall throws is never checked: a {@code Throwable} here is a bug, so it is rethrown as one. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a native call threw a checked exception", t);
    }

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
}
