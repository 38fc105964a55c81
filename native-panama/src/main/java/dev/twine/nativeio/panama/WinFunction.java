package dev.twine.nativeio.panama;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static dev.twine.nativeio.panama.WinType.ACCESS_MASK;
import static dev.twine.nativeio.panama.WinType.BOOL;
import static dev.twine.nativeio.panama.WinType.C_LONG;
import static dev.twine.nativeio.panama.WinType.DWORD;
import static dev.twine.nativeio.panama.WinType.GROUP;
import static dev.twine.nativeio.panama.WinType.HANDLE;
import static dev.twine.nativeio.panama.WinType.INT;
import static dev.twine.nativeio.panama.WinType.NTSTATUS;
import static dev.twine.nativeio.panama.WinType.POINTER;
import static dev.twine.nativeio.panama.WinType.SOCKET;
import static dev.twine.nativeio.panama.WinType.UCHAR;
import static dev.twine.nativeio.panama.WinType.ULONG;
import static dev.twine.nativeio.panama.WinType.ULONG_PTR;
import static dev.twine.nativeio.panama.WinType.WORD;

/**
 * Every Windows function the Panama binding calls, as its C prototype: library, symbol, result and
 * parameter types ({@link WinType}), whether the last error is captured, and whether the call may block.
 * The descriptor and options are derived from that, in one place, so a test on Linux can build every
 * descriptor ({@link #descriptor()}, {@link #shapeOptions()}) and compare every type's size with the
 * mingw-w64 oracle, although the functions themselves can only be bound on Windows ({@link #bind()}).
 *
 * <p><b>Critical calls</b> ({@link Linker.Option#critical critical(false)}, no thread-state transition, so
 * a safepoint waits for them) are only those that cannot wait: creating or associating a completion port,
 * posting a packet, requesting a cancellation ({@code CancelIoEx} does not wait for it), setting the
 * notification modes, submitting an AFD poll (the helper handle is opened without
 * {@code FILE_SYNCHRONOUS_IO_*}, so {@code NtDeviceIoControlFile} returns {@code STATUS_PENDING} instead
 * of waiting), and the Winsock calls that only read or set socket state ({@code bind}, {@code listen},
 * {@code shutdown}, {@code ioctlsocket}, {@code getsockopt}, {@code setsockopt}, {@code getsockname},
 * {@code getpeername}), the same list as the POSIX binding's. Not critical: the wait
 * ({@code GetQueuedCompletionStatusEx}), everything that moves data or may linger ({@code recv},
 * {@code send}, {@code WSASend}, {@code recvfrom}, {@code sendto}, {@code accept}, {@code connect},
 * {@code closesocket},
 * {@code CloseHandle}), and the calls made once per process or socket that may load providers or open
 * devices ({@code WSAStartup}, {@code WSASocketW}, {@code NtCreateFile}, {@code WSAIoctl}).
 *
 * <p><b>The last error</b> is captured for the kernel32 and ws2_32 calls whose failure Twine examines,
 * exactly as the jnr-ffi binding's {@code @SaveError} does. NT calls return their {@code NTSTATUS} and
 * capture nothing; {@code WSAStartup} returns its error; {@code CloseHandle}'s error is never read.
 */
enum WinFunction {
    // kernel32
    CREATE_IO_COMPLETION_PORT(Library.KERNEL32, "CreateIoCompletionPort", Call.CRITICAL_CAPTURE,
            HANDLE, HANDLE, HANDLE, ULONG_PTR, DWORD),
    GET_QUEUED_COMPLETION_STATUS_EX(Library.KERNEL32, "GetQueuedCompletionStatusEx", Call.BLOCKING_CAPTURE,
            BOOL, HANDLE, POINTER, ULONG, POINTER, DWORD, BOOL),
    POST_QUEUED_COMPLETION_STATUS(Library.KERNEL32, "PostQueuedCompletionStatus", Call.CRITICAL_CAPTURE,
            BOOL, HANDLE, DWORD, ULONG_PTR, POINTER),
    CANCEL_IO_EX(Library.KERNEL32, "CancelIoEx", Call.CRITICAL_CAPTURE, BOOL, HANDLE, POINTER),
    CLOSE_HANDLE(Library.KERNEL32, "CloseHandle", Call.BLOCKING, BOOL, HANDLE),
    SET_FILE_COMPLETION_NOTIFICATION_MODES(Library.KERNEL32, "SetFileCompletionNotificationModes",
            Call.CRITICAL_CAPTURE, BOOL, HANDLE, UCHAR),

    // ntdll
    NT_CREATE_FILE(Library.NTDLL, "NtCreateFile", Call.BLOCKING,
            NTSTATUS, POINTER, ACCESS_MASK, POINTER, POINTER, POINTER, ULONG, ULONG, ULONG, ULONG, POINTER, ULONG),
    NT_DEVICE_IO_CONTROL_FILE(Library.NTDLL, "NtDeviceIoControlFile", Call.CRITICAL,
            NTSTATUS, HANDLE, HANDLE, POINTER, POINTER, POINTER, ULONG, POINTER, ULONG, POINTER, ULONG),

    // ws2_32
    WSA_STARTUP(Library.WS2_32, "WSAStartup", Call.BLOCKING, INT, WORD, POINTER),
    WSA_SOCKET_W(Library.WS2_32, "WSASocketW", Call.BLOCKING_CAPTURE, SOCKET, INT, INT, INT, POINTER, GROUP, DWORD),
    BIND(Library.WS2_32, "bind", Call.CRITICAL_CAPTURE, INT, SOCKET, POINTER, INT),
    LISTEN(Library.WS2_32, "listen", Call.CRITICAL_CAPTURE, INT, SOCKET, INT),
    ACCEPT(Library.WS2_32, "accept", Call.BLOCKING_CAPTURE, SOCKET, SOCKET, POINTER, POINTER),
    CONNECT(Library.WS2_32, "connect", Call.BLOCKING_CAPTURE, INT, SOCKET, POINTER, INT),
    RECV(Library.WS2_32, "recv", Call.BLOCKING_CAPTURE, INT, SOCKET, POINTER, INT, INT),
    SEND(Library.WS2_32, "send", Call.BLOCKING_CAPTURE, INT, SOCKET, POINTER, INT, INT),
    WSA_SEND(Library.WS2_32, "WSASend", Call.BLOCKING_CAPTURE,
            INT, SOCKET, POINTER, DWORD, POINTER, DWORD, POINTER, POINTER),
    SHUTDOWN(Library.WS2_32, "shutdown", Call.CRITICAL_CAPTURE, INT, SOCKET, INT),
    CLOSESOCKET(Library.WS2_32, "closesocket", Call.BLOCKING_CAPTURE, INT, SOCKET),
    IOCTLSOCKET(Library.WS2_32, "ioctlsocket", Call.CRITICAL_CAPTURE, INT, SOCKET, C_LONG, POINTER),
    GETSOCKOPT(Library.WS2_32, "getsockopt", Call.CRITICAL_CAPTURE, INT, SOCKET, INT, INT, POINTER, POINTER),
    SETSOCKOPT(Library.WS2_32, "setsockopt", Call.CRITICAL_CAPTURE, INT, SOCKET, INT, INT, POINTER, INT),
    GETSOCKNAME(Library.WS2_32, "getsockname", Call.CRITICAL_CAPTURE, INT, SOCKET, POINTER, POINTER),
    GETPEERNAME(Library.WS2_32, "getpeername", Call.CRITICAL_CAPTURE, INT, SOCKET, POINTER, POINTER),
    WSA_IOCTL(Library.WS2_32, "WSAIoctl", Call.BLOCKING_CAPTURE,
            INT, SOCKET, DWORD, POINTER, DWORD, POINTER, DWORD, POINTER, POINTER, POINTER),
    // ws2_32, datagrams (semantics.md §7): they move data, so they are not critical, like recv and send.
    SENDTO(Library.WS2_32, "sendto", Call.BLOCKING_CAPTURE, INT, SOCKET, POINTER, INT, INT, POINTER, INT),
    RECVFROM(Library.WS2_32, "recvfrom", Call.BLOCKING_CAPTURE, INT, SOCKET, POINTER, INT, INT, POINTER, POINTER);

    /** The DLL a function lives in. */
    enum Library {
        KERNEL32("kernel32"),
        NTDLL("ntdll"),
        WS2_32("ws2_32");

        final String dll;

        Library(String dll) {
            this.dll = dll;
        }
    }

    /** How a function is called: whether it may block, whether the last error is captured. */
    enum Call {
        BLOCKING_CAPTURE(false, true),
        CRITICAL_CAPTURE(true, true),
        BLOCKING(false, false),
        CRITICAL(true, false);

        final boolean critical;
        final boolean captures;

        Call(boolean critical, boolean captures) {
            this.critical = critical;
            this.captures = captures;
        }
    }

    final Library library;
    final String symbol;
    final Call call;
    final WinType result;
    final List<WinType> parameters;

    WinFunction(Library library, String symbol, Call call, WinType result, WinType... parameters) {
        this.library = library;
        this.symbol = symbol;
        this.call = call;
        this.result = result;
        this.parameters = List.of(parameters);
    }

    /** The descriptor: the result's and each parameter's {@link WinType#layout()}. */
    FunctionDescriptor descriptor() {
        MemoryLayout[] arguments = new MemoryLayout[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = parameters.get(i).layout();
        }
        return FunctionDescriptor.of(result.layout(), arguments);
    }

    /**
     * The linker options without the last-error capture, whose state names ({@code GetLastError}) only
     * the Windows linker knows: what a test on another OS can check.
     */
    Linker.Option[] shapeOptions() {
        return call.critical ? new Linker.Option[] {Linker.Option.critical(false)} : new Linker.Option[0];
    }

    /**
     * The handle, bound to the function in its DLL. With capture, its first parameter is the thread's
     * capture segment ({@link WinDowncalls#capture()}).
     *
     * @throws UnsatisfiedLinkError off Windows, or when the DLL lacks the symbol
     */
    MethodHandle bind() {
        // The symbol first: off Windows its lookup fails naming the OS, before the capture state, which
        // only the Windows linker knows, is asked for.
        MemorySegment address = WinDowncalls.find(library, symbol);
        List<Linker.Option> options = new ArrayList<>(List.of(shapeOptions()));
        if (call.captures) {
            options.add(WinDowncalls.captureLastError());
        }
        return Downcalls.LINKER.downcallHandle(address, descriptor(), options.toArray(Linker.Option[]::new));
    }
}
