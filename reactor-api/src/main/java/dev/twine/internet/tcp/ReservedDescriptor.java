package dev.twine.internet.tcp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A spare file descriptor kept open so that a listening port can recover from {@code EMFILE} (Twisted's
 * {@code _IFileDescriptorReservation}, PR #996, issue #10425).
 *
 * <p>When {@code accept} fails with {@code EMFILE}, the pending connections stay in the kernel's queue,
 * the listening socket stays readable, and a level-triggered loop would spin on it while the clients
 * wait forever. Closing the spare descriptor frees exactly one slot: the port accepts each pending client
 * into it and closes it at once (the client sees its connection closed instead of hanging), until the
 * queue is empty, then re-opens the spare.
 *
 * <p>The spare is {@code /dev/null} opened for reading. Where there is no {@code /dev/null} (Windows, whose
 * socket handles are not bounded by a small per-process table) nothing is reserved and
 * {@link #available()} stays false. Twisted keeps one spare per process; Twine keeps one per listening
 * port, opened with the port and closed with it, so that a closed port leaves no descriptor behind.
 *
 * <p>Threading: reactor thread only.
 */
final class ReservedDescriptor {
    private static final Path DEV_NULL = Path.of("/dev/null");
    /** Cleared once opening {@code /dev/null} failed because it does not exist: never try again. */
    private static volatile boolean supported = true;

    private FileChannel spare;

    /** True while the spare descriptor is open and can be given up. */
    boolean available() {
        return spare != null;
    }

    /**
     * Opens the spare if it is not open. Failure (for example {@code EMFILE} again, because something
     * else took the slot) leaves it unavailable; the port then falls back to backing off.
     *
     * @return whether the spare is now held
     */
    boolean reserve() {
        if (spare != null || !supported) {
            return spare != null;
        }
        try {
            spare = FileChannel.open(DEV_NULL, StandardOpenOption.READ);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            supported = false;
        } catch (IOException e) {
            spare = null;
        }
        return spare != null;
    }

    /** Closes the spare, freeing one descriptor slot. */
    void release() {
        FileChannel f = spare;
        spare = null;
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // Closing /dev/null cannot meaningfully fail; the slot is free either way.
            }
        }
    }
}
