package dev.twine.nativeio.windows;

import dev.twine.nativeio.posix.DirectMemory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_HANDLE_INFO_EVENTS;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_HANDLE_INFO_HANDLE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_HANDLE_INFO_STATUS;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_INFO_EXCLUSIVE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_INFO_HANDLES;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_INFO_NUMBER_OF_HANDLES;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_INFO_SIZE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_INFO_TIMEOUT;
import static dev.twine.nativeio.windows.WinLayout.FILE_OPEN;
import static dev.twine.nativeio.windows.WinLayout.FILE_SHARE_READ;
import static dev.twine.nativeio.windows.WinLayout.FILE_SHARE_WRITE;
import static dev.twine.nativeio.windows.WinLayout.FILE_SKIP_SET_EVENT_ON_HANDLE;
import static dev.twine.nativeio.windows.WinLayout.IOCTL_AFD_POLL;
import static dev.twine.nativeio.windows.WinLayout.IO_STATUS_BLOCK_INFORMATION;
import static dev.twine.nativeio.windows.WinLayout.IO_STATUS_BLOCK_SIZE;
import static dev.twine.nativeio.windows.WinLayout.IO_STATUS_BLOCK_STATUS;
import static dev.twine.nativeio.windows.WinLayout.OBJECT_ATTRIBUTES_ATTRIBUTES;
import static dev.twine.nativeio.windows.WinLayout.OBJECT_ATTRIBUTES_LENGTH;
import static dev.twine.nativeio.windows.WinLayout.OBJECT_ATTRIBUTES_OBJECT_NAME;
import static dev.twine.nativeio.windows.WinLayout.OBJECT_ATTRIBUTES_SIZE;
import static dev.twine.nativeio.windows.WinLayout.STATUS_PENDING;
import static dev.twine.nativeio.windows.WinLayout.STATUS_SUCCESS;
import static dev.twine.nativeio.windows.WinLayout.SYNCHRONIZE;
import static dev.twine.nativeio.windows.WinLayout.UNICODE_STRING_BUFFER;
import static dev.twine.nativeio.windows.WinLayout.UNICODE_STRING_LENGTH;
import static dev.twine.nativeio.windows.WinLayout.UNICODE_STRING_MAXIMUM_LENGTH;
import static dev.twine.nativeio.windows.WinLayout.UNICODE_STRING_SIZE;

/**
 * {@code IOCTL_AFD_POLL}: socket readiness delivered through a completion port, the mechanism of wepoll,
 * mio and the JDK's Windows selector (native.md §4 and native.md §5).
 *
 * <p>A poll is a 48-byte <em>request record</em> in native memory that the caller owns: an
 * {@code IO_STATUS_BLOCK} at offset {@link #IOSB} followed by a one-handle {@code AFD_POLL_INFO} at
 * {@link #POLL_INFO}, used as both the input and the output buffer. {@link #submit} fills it in and issues
 * the ioctl on an AFD helper handle ({@link #openHelper}); the kernel owns the record until the poll's
 * completion packet has been dequeued, whose {@code lpOverlapped} is the record's address. The accessors
 * read the outcome from the record after that. {@link #cancel} asks for early completion
 * ({@code STATUS_CANCELLED}); the packet still arrives and the record must stay allocated until then.
 *
 * <p>Stateless; the record and handle belong to the caller's thread.
 */
public final class Afd {

    /** Where the {@code IO_STATUS_BLOCK} sits in a request record. */
    public static final int IOSB = 0;
    /** Where the one-handle {@code AFD_POLL_INFO} sits in a request record. */
    public static final int POLL_INFO = IO_STATUS_BLOCK_SIZE;
    /** Size of a request record. */
    public static final int RECORD_SIZE = POLL_INFO + AFD_POLL_INFO_SIZE;

    /**
     * The device opened for a helper handle. Any name below {@code \Device\Afd\} opens an AFD endpoint that
     * is never bound; the suffix only shows up in handle listings (wepoll uses {@code Wepoll}).
     */
    public static final String DEVICE = "\\Device\\Afd\\Twine";

    private Afd() {
    }

    /**
     * Opens an AFD helper handle with {@code NtCreateFile}, associates it with {@code port} under
     * {@code key} and sets {@code FILE_SKIP_SET_EVENT_ON_HANDLE} (nobody waits on the handle itself).
     *
     * <p>{@code FILE_SKIP_COMPLETION_PORT_ON_SUCCESS} is deliberately not set: a poll that is ready when
     * submitted returns {@code STATUS_SUCCESS}, and its packet is how the poller learns the result.
     *
     * @return the helper handle; close it with {@code CloseHandle} after its polls have completed
     */
    public static long openHelper(Win32 win, CompletionPort port, long key) throws IOException {
        byte[] name = DEVICE.getBytes(StandardCharsets.UTF_16LE);
        int nameAt = 0;
        int unicodeAt = 128;
        int attributesAt = unicodeAt + UNICODE_STRING_SIZE;
        int iosbAt = attributesAt + OBJECT_ATTRIBUTES_SIZE;
        int handleAt = iosbAt + IO_STATUS_BLOCK_SIZE;
        DirectMemory b = DirectMemory.block(handleAt + 8);
        try {
            // The block is zeroed, so the UTF-16 name is terminated even though NT does not need it.
            for (int i = 0; i + 1 < name.length; i += 2) {
                b.putShort(nameAt + i, (short) ((name[i] & 0xff) | (name[i + 1] & 0xff) << 8));
            }
            b.putShort(unicodeAt + UNICODE_STRING_LENGTH, (short) name.length);
            b.putShort(unicodeAt + UNICODE_STRING_MAXIMUM_LENGTH, (short) name.length);
            b.putLong(unicodeAt + UNICODE_STRING_BUFFER, b.address(nameAt));
            b.putInt(attributesAt + OBJECT_ATTRIBUTES_LENGTH, OBJECT_ATTRIBUTES_SIZE);
            b.putLong(attributesAt + OBJECT_ATTRIBUTES_OBJECT_NAME, b.address(unicodeAt));
            b.putInt(attributesAt + OBJECT_ATTRIBUTES_ATTRIBUTES, 0);
            int status = win.ntdll().NtCreateFile(b.address(handleAt), SYNCHRONIZE, b.address(attributesAt),
                    b.address(iosbAt), 0, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN, 0, 0, 0);
            if (status != STATUS_SUCCESS) {
                throw new IOException("NtCreateFile(" + DEVICE + ") failed: NTSTATUS " + hex(status));
            }
            long afd = b.getLong(handleAt);
            try {
                port.associate(afd, key);
                if (win.kernel32().SetFileCompletionNotificationModes(afd, (byte) FILE_SKIP_SET_EVENT_ON_HANDLE) == 0) {
                    throw new IOException("SetFileCompletionNotificationModes failed: Win32 error " + win.lastError());
                }
            } catch (IOException e) {
                win.kernel32().CloseHandle(afd);
                throw e;
            }
            return afd;
        } finally {
            b.free();
        }
    }

    /**
     * Fills in the request record at {@code offset} of {@code block} (one handle, no timeout, not exclusive)
     * and submits it on {@code afd}.
     *
     * @param baseSocket the socket's base handle ({@code SIO_BASE_HANDLE})
     * @param events     the {@code AFD_POLL_*} bits to wait for
     * @return the {@code NTSTATUS}: {@code STATUS_PENDING} or {@code STATUS_SUCCESS} mean a packet will be
     *         queued; anything else is a failure and no packet will come
     */
    public static int submit(Win32 win, long afd, DirectMemory block, int offset, long baseSocket, int events) {
        int info = offset + POLL_INFO;
        block.putLong(info + AFD_POLL_INFO_TIMEOUT, Long.MAX_VALUE);
        block.putInt(info + AFD_POLL_INFO_NUMBER_OF_HANDLES, 1);
        block.putInt(info + AFD_POLL_INFO_EXCLUSIVE, 0);
        block.putLong(info + AFD_POLL_INFO_HANDLES + AFD_POLL_HANDLE_INFO_HANDLE, baseSocket);
        block.putInt(info + AFD_POLL_INFO_HANDLES + AFD_POLL_HANDLE_INFO_EVENTS, events);
        block.putInt(info + AFD_POLL_INFO_HANDLES + AFD_POLL_HANDLE_INFO_STATUS, 0);
        block.putInt(offset + IOSB + IO_STATUS_BLOCK_STATUS, STATUS_PENDING);
        block.putLong(offset + IOSB + IO_STATUS_BLOCK_INFORMATION, 0);
        long iosb = block.address(offset + IOSB);
        long infoAddress = block.address(info);
        // ApcContext = the record's address: it comes back as the packet's lpOverlapped.
        return win.ntdll().NtDeviceIoControlFile(afd, 0, 0, iosb, iosb, IOCTL_AFD_POLL,
                infoAddress, AFD_POLL_INFO_SIZE, infoAddress, AFD_POLL_INFO_SIZE);
    }

    /**
     * Requests cancellation of the poll in the record at {@code offset} of {@code block}.
     *
     * @return true if a cancellation was requested, false if the poll had already completed
     *         ({@code ERROR_NOT_FOUND}); either way exactly one packet is (or already was) queued
     */
    public static boolean cancel(Win32 win, long afd, DirectMemory block, int offset) {
        return win.kernel32().CancelIoEx(afd, block.address(offset + IOSB)) != 0;
    }

    /** The completed poll's {@code IO_STATUS_BLOCK.Status}. */
    public static int status(DirectMemory block, int offset) {
        return block.getInt(offset + IOSB + IO_STATUS_BLOCK_STATUS);
    }

    /** How many handles fired: 1, or 0 when the poll completed without events. */
    public static int handlesFired(DirectMemory block, int offset) {
        return block.getInt(offset + POLL_INFO + AFD_POLL_INFO_NUMBER_OF_HANDLES);
    }

    /** The {@code AFD_POLL_*} bits that fired. */
    public static int eventsFired(DirectMemory block, int offset) {
        return block.getInt(offset + POLL_INFO + AFD_POLL_INFO_HANDLES + AFD_POLL_HANDLE_INFO_EVENTS);
    }

    /** An {@code NTSTATUS} as {@code 0xC0000120}. */
    public static String hex(int status) {
        return String.format("0x%08X", status);
    }
}
