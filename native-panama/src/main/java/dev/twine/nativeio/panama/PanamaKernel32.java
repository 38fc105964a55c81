package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.Kernel32;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

import static dev.twine.nativeio.panama.Downcalls.unexpected;
import static dev.twine.nativeio.panama.WinDowncalls.capture;

/**
 * {@link Kernel32} bound with {@code java.lang.foreign}: prototypes, critical calls and last-error capture
 * in {@link WinFunction}, hot-path rules in {@link Downcalls}. The handles are {@code static final} in a
 * holder class initialized by {@link #load()}, so this class loads on any OS and binds only on Windows.
 * Stateless and thread-safe.
 */
public final class PanamaKernel32 implements Kernel32 {

    /** Bound when first touched ({@link #load()}); {@code static final}, so C2 inlines each stub. */
    private static final class Handles {
        static final MethodHandle CREATE_IO_COMPLETION_PORT = WinFunction.CREATE_IO_COMPLETION_PORT.bind();
        static final MethodHandle GET_QUEUED_COMPLETION_STATUS_EX = WinFunction.GET_QUEUED_COMPLETION_STATUS_EX.bind();
        static final MethodHandle POST_QUEUED_COMPLETION_STATUS = WinFunction.POST_QUEUED_COMPLETION_STATUS.bind();
        static final MethodHandle CANCEL_IO_EX = WinFunction.CANCEL_IO_EX.bind();
        static final MethodHandle CLOSE_HANDLE = WinFunction.CLOSE_HANDLE.bind();
        static final MethodHandle SET_FILE_COMPLETION_NOTIFICATION_MODES =
                WinFunction.SET_FILE_COMPLETION_NOTIFICATION_MODES.bind();
    }

    private PanamaKernel32() {
    }

    /**
     * Binds every kernel32 function.
     *
     * @throws UnsatisfiedLinkError naming the reason off Windows or when a symbol is missing
     */
    static PanamaKernel32 load() {
        WinDowncalls.initialize(MethodHandles.lookup(), Handles.class);
        return new PanamaKernel32();
    }

    @Override
    public long CreateIoCompletionPort(long fileHandle, long existingPort, long completionKey, int concurrentThreads) {
        try {
            return (long) Handles.CREATE_IO_COMPLETION_PORT.invokeExact(capture(), fileHandle, existingPort,
                    completionKey, concurrentThreads);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int GetQueuedCompletionStatusEx(long port, long entries, int count, long numEntriesRemoved,
                                           int milliseconds, int alertable) {
        try {
            return (int) Handles.GET_QUEUED_COMPLETION_STATUS_EX.invokeExact(capture(), port, entries, count,
                    numEntriesRemoved, milliseconds, alertable);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int PostQueuedCompletionStatus(long port, int bytesTransferred, long completionKey, long overlapped) {
        try {
            return (int) Handles.POST_QUEUED_COMPLETION_STATUS.invokeExact(capture(), port, bytesTransferred,
                    completionKey, overlapped);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int CancelIoEx(long handle, long overlapped) {
        try {
            return (int) Handles.CANCEL_IO_EX.invokeExact(capture(), handle, overlapped);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int CloseHandle(long handle) {
        try {
            return (int) Handles.CLOSE_HANDLE.invokeExact(handle);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int SetFileCompletionNotificationModes(long handle, byte flags) {
        try {
            return (int) Handles.SET_FILE_COMPLETION_NOTIFICATION_MODES.invokeExact(capture(), handle, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
