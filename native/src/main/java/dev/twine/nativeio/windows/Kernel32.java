package dev.twine.nativeio.windows;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.uintptr_t;

/**
 * The kernel32 functions the IOCP backend needs, as both bindings implement them
 * ({@link dev.twine.nativeio.binding.NativeBinding#kernel32()}).
 *
 * <p>The annotations are jnr-ffi's: it reads the C widths and the error capture from them when it
 * generates this interface's implementation. The Panama binding ({@code PanamaKernel32} in
 * {@code twine-native-panama}) ignores them and states the same widths in its function descriptors; a
 * JVM that never loads jnr-ffi never resolves them (absent annotation types are skipped by the JVM).
 *
 * <p>Every {@code HANDLE}, {@code ULONG_PTR} and pointer is declared {@code @uintptr_t long}: a bare Java
 * {@code long} in a jnr-ffi signature is the C {@code long}, 4 bytes on Win64 (native.md §3).
 * Pointers are native addresses the caller owns; no call here marshals Java objects. {@code BOOL} results
 * are {@code int} (non-zero is success). Calls whose failure the caller examines are {@code @SaveError}, so
 * jffi captures {@code GetLastError()} right after the call (the Panama binding captures it with
 * {@code Linker.Option.captureCallState}) and {@code NativeBinding.lastError()} returns it;
 * calling {@code GetLastError} from Java would read a value the JVM may already have overwritten.
 *
 * <p>Stateless and thread-safe, like the functions themselves.
 */
public interface Kernel32 {

    /**
     * {@code HANDLE CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
     * ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads)}: creates a port when {@code fileHandle}
     * is {@code INVALID_HANDLE_VALUE}, otherwise associates the file with {@code existingPort}.
     *
     * @return the port, or 0 on failure
     */
    @SaveError
    @uintptr_t long CreateIoCompletionPort(@uintptr_t long fileHandle, @uintptr_t long existingPort,
                                           @uintptr_t long completionKey, int concurrentThreads);

    /**
     * {@code BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY
     * lpCompletionPortEntries, ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds,
     * BOOL fAlertable)}. Fails with {@code WAIT_TIMEOUT} when nothing arrived in time.
     */
    @SaveError
    int GetQueuedCompletionStatusEx(@uintptr_t long port, @uintptr_t long entries, int count,
                                    @uintptr_t long numEntriesRemoved, int milliseconds, int alertable);

    /**
     * {@code BOOL PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
     * ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)}: queues a packet the caller made up.
     */
    @SaveError
    int PostQueuedCompletionStatus(@uintptr_t long port, int bytesTransferred, @uintptr_t long completionKey,
                                   @uintptr_t long overlapped);

    /**
     * {@code BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)}: requests cancellation of the
     * operation whose I/O status block (for NT calls) or OVERLAPPED is {@code overlapped}. Fails with
     * {@code ERROR_NOT_FOUND} if it already completed; its packet is then queued anyway.
     */
    @SaveError
    int CancelIoEx(@uintptr_t long handle, @uintptr_t long overlapped);

    /** {@code BOOL CloseHandle(HANDLE hObject)}. Its error is never acted upon. */
    @IgnoreError
    int CloseHandle(@uintptr_t long handle);

    /**
     * {@code BOOL SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)}. The IOCP backend
     * sets only {@code FILE_SKIP_SET_EVENT_ON_HANDLE}; never {@code FILE_SKIP_COMPLETION_PORT_ON_SUCCESS} on
     * an AFD handle, because a poll that is ready at submission returns {@code STATUS_SUCCESS} and the
     * poller relies on its packet (native.md §5.3).
     */
    @SaveError
    int SetFileCompletionNotificationModes(@uintptr_t long handle, byte flags);
}
