package dev.twine.nativeio.windows;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.binding.NativeBinding;
import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.posix.DirectMemory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The loaded Windows libraries (kernel32, ntdll, ws2_32) and their last-error accessor, once per process.
 *
 * <p>{@link #get()} binds the three libraries through the {@link NativeBinding} this JVM uses
 * ({@link NativeBindings#current()}: Panama on JDK 22+, jnr-ffi otherwise, semantics.md §6.1) and calls
 * {@code WSAStartup(2.2)} the first time it is used; Winsock is never cleaned up because sockets may live
 * until the process exits. Loading is attempted only on 64-bit Windows: every layout in {@link WinLayout}
 * is Win64's. When anything fails the reason is kept and returned by {@link #unavailabilityReason()}, so
 * backends can report it without throwing (the {@code ReactorBackend} contract); a binding forced with
 * {@code -Dtwine.native} that cannot load is such a reason, in its own words.
 *
 * <p>Thread-safe: initialisation happens once under the class-holder idiom and the bindings are stateless.
 */
public final class Win32 {

    private final NativeBinding binding;
    private final Kernel32 kernel32;
    private final NtDll ntdll;
    private final Winsock winsock;

    private Win32(NativeBinding binding, Kernel32 kernel32, NtDll ntdll, Winsock winsock) {
        this.binding = binding;
        this.kernel32 = kernel32;
        this.ntdll = ntdll;
        this.winsock = winsock;
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
            } catch (IllegalStateException noBinding) {
                // The binding forced with -Dtwine.native cannot load: its own message names the reason.
                failure = noBinding.getMessage();
            } catch (Throwable t) {
                failure = "loading kernel32/ntdll/ws2_32 with the " + NativeBindings.choice().name()
                        + " binding failed: " + t;
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

    /** The binding the three libraries were bound with. */
    public NativeBinding binding() {
        return binding;
    }

    /**
     * The last error the binding saved after the most recent failing call on this thread
     * ({@code GetLastError()}, which is also {@code WSAGetLastError()}; {@link NativeBinding#lastError()}).
     * Read it right after the failing call, before any other native call on the thread.
     */
    public int lastError() {
        return binding.lastError();
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

    /**
     * Binds the three libraries through the JVM's one binding choice; throws {@link IllegalStateException}
     * naming the reason when a binding forced with {@code -Dtwine.native} cannot load.
     */
    private static Win32 load() {
        NativeBinding binding = NativeBindings.current();
        Kernel32 k = binding.kernel32();
        NtDll n = binding.ntdll();
        Winsock w = binding.winsock();
        ByteBuffer wsaData = ByteBuffer.allocateDirect(WinLayout.WSADATA_SIZE + 64);
        // WSAStartup returns its error code directly instead of through WSAGetLastError.
        int rc = w.WSAStartup((short) WinLayout.WINSOCK_VERSION_2_2, DirectMemory.address(wsaData));
        // Only the address went to native code: keep the buffer (and its memory) alive until the call is over.
        Reference.reachabilityFence(wsaData);
        if (rc != 0) {
            throw new IllegalStateException("WSAStartup(2.2) failed: " + WinsockErrors.windowsName(rc));
        }
        return new Win32(binding, k, n, w);
    }
}
