package dev.twine.nativeio.windows;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.DirectMemory;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The loaded Windows libraries (kernel32, ntdll, ws2_32) and their last-error accessor, once per process.
 *
 * <p>{@link #get()} loads the three libraries with jnr-ffi and calls {@code WSAStartup(2.2)} the first time
 * it is used; Winsock is never cleaned up because sockets may live until the process exits. Loading is
 * attempted only on 64-bit Windows: every layout in {@link WinLayout} is Win64's. When anything fails the
 * reason is kept and returned by {@link #unavailabilityReason()}, so backends can report it without
 * throwing (the {@code ReactorBackend} contract).
 *
 * <p>Thread-safe: initialisation happens once under the class-holder idiom and the bindings are stateless.
 */
public final class Win32 {

    private final Kernel32 kernel32;
    private final NtDll ntdll;
    private final Winsock winsock;
    private final Runtime runtime;

    private Win32(Kernel32 kernel32, NtDll ntdll, Winsock winsock, Runtime runtime) {
        this.kernel32 = kernel32;
        this.ntdll = ntdll;
        this.winsock = winsock;
        this.runtime = runtime;
    }

    /** Holds the one load attempt: either the libraries or the reason they are unavailable. */
    private static final class Holder {
        static final Win32 INSTANCE;
        static final String FAILURE;

        static {
            Win32 instance = null;
            String failure;
            try {
                failure = precondition();
                if (failure == null) {
                    instance = load();
                }
            } catch (Throwable t) {
                failure = "loading kernel32/ntdll/ws2_32 with jnr-ffi failed: " + t;
            }
            INSTANCE = instance;
            FAILURE = instance == null ? failure : null;
        }
    }

    /** True when this JVM runs on Windows (under Wine too), as {@link Platform} decides. */
    public static boolean isWindows() {
        return Platform.forOsName(System.getProperty("os.name", "")) == Platform.WINDOWS;
    }

    /** Empty when the bindings loaded; otherwise a sentence saying why not. Never throws. */
    public static Optional<String> unavailabilityReason() {
        return Optional.ofNullable(Holder.FAILURE);
    }

    /**
     * The loaded bindings.
     *
     * @throws IllegalStateException with the reason when they are unavailable here
     */
    public static Win32 get() {
        Win32 w = Holder.INSTANCE;
        if (w == null) {
            throw new IllegalStateException(Holder.FAILURE);
        }
        return w;
    }

    public Kernel32 kernel32() {
        return kernel32;
    }

    public NtDll ntdll() {
        return ntdll;
    }

    public Winsock winsock() {
        return winsock;
    }

    /**
     * The last error saved by the most recent {@code @SaveError} call on this thread
     * ({@code GetLastError()}, which is also {@code WSAGetLastError()}). Read it right after the failing
     * call, before any other native call on the thread.
     */
    public int lastError() {
        return runtime.getLastError();
    }

    private static String precondition() {
        if (!isWindows()) {
            return "the IOCP bindings need Windows; this is " + System.getProperty("os.name");
        }
        try {
            Platform.current();
            return null;
        } catch (UnsupportedOperationException e) {
            return "the IOCP bindings need 64-bit Windows (Win64 layouts): " + e.getMessage();
        }
    }

    /** The binding seam for Windows (see {@link Platform}): today the jnr-ffi bindings of the three libraries. */
    private static Win32 load() {
        Kernel32 k = LibraryLoader.create(Kernel32.class).failImmediately().load("kernel32");
        NtDll n = LibraryLoader.create(NtDll.class).failImmediately().load("ntdll");
        Winsock w = LibraryLoader.create(Winsock.class).failImmediately().load("ws2_32");
        ByteBuffer wsaData = ByteBuffer.allocateDirect(WinLayout.WSADATA_SIZE + 64);
        // WSAStartup returns its error code directly instead of through WSAGetLastError.
        int rc = w.WSAStartup((short) WinLayout.WINSOCK_VERSION_2_2, DirectMemory.address(wsaData));
        // Only the address went to native code: keep the buffer (and its memory) alive until the call is over.
        Reference.reachabilityFence(wsaData);
        if (rc != 0) {
            throw new IllegalStateException("WSAStartup(2.2) failed: " + WinsockErrors.windowsName(rc));
        }
        return new Win32(k, n, w, Runtime.getSystemRuntime());
    }
}
