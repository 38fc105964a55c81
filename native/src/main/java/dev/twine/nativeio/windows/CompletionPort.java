package dev.twine.nativeio.windows;

import dev.twine.nativeio.posix.DirectMemory;

import java.io.IOException;

import static dev.twine.nativeio.windows.WinLayout.INVALID_HANDLE_VALUE;
import static dev.twine.nativeio.windows.WinLayout.OVERLAPPED_ENTRY_INTERNAL;
import static dev.twine.nativeio.windows.WinLayout.OVERLAPPED_ENTRY_LP_COMPLETION_KEY;
import static dev.twine.nativeio.windows.WinLayout.OVERLAPPED_ENTRY_LP_OVERLAPPED;
import static dev.twine.nativeio.windows.WinLayout.OVERLAPPED_ENTRY_SIZE;
import static dev.twine.nativeio.windows.WinLayout.WAIT_TIMEOUT;

/**
 * An I/O completion port and the {@code OVERLAPPED_ENTRY} array its packets are dequeued into, in batches,
 * with {@code GetQueuedCompletionStatusEx}.
 *
 * <p>The entry array is allocated once ({@link DirectMemory}) and reused by every {@link #dequeue}; entry
 * {@code i} of the last batch is read with {@link #key}, {@link #overlapped} and {@link #status} until the
 * next {@link #dequeue}. Nothing is allocated per packet.
 *
 * <p>Threading: {@link #dequeue} and the entry accessors belong to one thread (the reactor's).
 * {@link #post} may be called from any thread while the port is open; ordering {@link #post} against
 * {@link #close()} is the owner's job (a port handle value can be reused by an unrelated object once
 * closed).
 */
public final class CompletionPort implements AutoCloseable {
    private final Win32 win;
    private final Kernel32 k32;
    private final long handle;
    private final DirectMemory entries;
    private final int capacity;
    private final int removedOffset;
    private boolean closed;

    private CompletionPort(Win32 win, long handle, int capacity) {
        this.win = win;
        this.k32 = win.kernel32();
        this.handle = handle;
        this.capacity = capacity;
        this.removedOffset = capacity * OVERLAPPED_ENTRY_SIZE;
        this.entries = DirectMemory.block(removedOffset + 8);
    }

    /**
     * Creates a port that dequeues up to {@code batch} packets per {@link #dequeue}.
     *
     * @throws IOException naming the Win32 error if the port cannot be created
     */
    public static CompletionPort create(Win32 win, int batch) throws IOException {
        long h = win.kernel32().CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0);
        if (h == 0) {
            throw new IOException("CreateIoCompletionPort failed: Win32 error " + win.lastError());
        }
        return new CompletionPort(win, h, batch);
    }

    /** The port's {@code HANDLE}. */
    public long handle() {
        return handle;
    }

    /** Associates {@code fileHandle} with this port; its packets will carry {@code key}. */
    public void associate(long fileHandle, long key) throws IOException {
        if (k32.CreateIoCompletionPort(fileHandle, handle, key, 0) == 0) {
            throw new IOException("CreateIoCompletionPort(associate) failed: Win32 error " + win.lastError());
        }
    }

    /**
     * Waits up to {@code timeoutMillis} ({@link WinLayout#INFINITE} for ever, 0 to poll) for packets and
     * dequeues as many as are ready, up to the batch size.
     *
     * @return the number of entries dequeued; 0 on timeout
     * @throws IOException if the wait fails for another reason (for example the port was closed)
     */
    public int dequeue(int timeoutMillis) throws IOException {
        entries.putInt(removedOffset, 0);
        int ok = k32.GetQueuedCompletionStatusEx(handle, entries.address(0), capacity,
                entries.address(removedOffset), timeoutMillis, 0);
        if (ok == 0) {
            int err = win.lastError();
            if (err == WAIT_TIMEOUT) {
                return 0;
            }
            throw new IOException("GetQueuedCompletionStatusEx failed: Win32 error " + err);
        }
        return entries.getInt(removedOffset);
    }

    /** Entry {@code i}'s {@code lpCompletionKey}. */
    public long key(int i) {
        return entries.getLong(i * OVERLAPPED_ENTRY_SIZE + OVERLAPPED_ENTRY_LP_COMPLETION_KEY);
    }

    /** Entry {@code i}'s {@code lpOverlapped}: for NT calls, the {@code ApcContext} that was passed. */
    public long overlapped(int i) {
        return entries.getLong(i * OVERLAPPED_ENTRY_SIZE + OVERLAPPED_ENTRY_LP_OVERLAPPED);
    }

    /** Entry {@code i}'s {@code Internal}: the operation's {@code NTSTATUS}. */
    public int status(int i) {
        return (int) entries.getLong(i * OVERLAPPED_ENTRY_SIZE + OVERLAPPED_ENTRY_INTERNAL);
    }

    /**
     * Queues a made-up packet ({@code PostQueuedCompletionStatus}); used to wake a {@link #dequeue}.
     *
     * @return true if queued
     */
    public boolean post(long key, long overlapped) {
        return k32.PostQueuedCompletionStatus(handle, 0, key, overlapped) != 0;
    }

    /** Closes the port and frees the entry array. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            k32.CloseHandle(handle);
            entries.free();
        }
    }
}
