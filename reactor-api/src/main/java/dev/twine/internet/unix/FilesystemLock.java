package dev.twine.internet.unix;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A lock held by a process as a symbolic link whose target is the holder's process id, as Twisted's
 * {@code lockfile.FilesystemLock} does, so that Twine and Twisted processes honour each other's locks
 * (semantics.md §8.3). Creating a symbolic link is atomic, so two processes never both succeed; a link
 * naming a process that no longer exists is stale and is broken by the next {@link #lock()}.
 *
 * <p>Not thread-safe; one object per lock and holder.
 */
public final class FilesystemLock {
    /** Bounds the break-and-retry loop when other processes race on the same stale lock. */
    private static final int ATTEMPTS = 5;

    private final Path name;
    private boolean locked;
    private boolean clean = true;

    /** A lock at {@code name}, not taken yet. */
    public FilesystemLock(Path name) {
        this.name = name;
    }

    /**
     * Takes the lock.
     *
     * @return true if this process now holds it; false if a live process (this one included, through
     *         another object) holds it
     * @throws IOException if the link cannot be created for another reason (e.g. no permission)
     */
    public boolean lock() throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                Files.createSymbolicLink(name, Path.of(pid));
                locked = true;
                return true;
            } catch (FileAlreadyExistsException held) {
                Long holder = holder(name);
                if (holder != null && ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false)) {
                    return false;
                }
                // The holder died without unlocking: break the lock and remember it was not clean, so
                // that the caller removes what the dead holder left behind (Twisted's `clean`).
                try {
                    Files.delete(name);
                } catch (NoSuchFileException raced) {
                    // Another process broke it first; try again.
                }
                clean = false;
            }
        }
        return false;
    }

    /** False if {@link #lock()} broke a stale lock left by a dead process. */
    public boolean clean() {
        return clean;
    }

    /** Releases the lock if this object holds it. */
    public void unlock() throws IOException {
        if (locked) {
            locked = false;
            Files.deleteIfExists(name);
        }
    }

    /**
     * True if a live process holds the lock at {@code name} (Twisted's {@code lockfile.isLocked}), without
     * taking it.
     */
    public static boolean isLocked(String name) {
        Long holder;
        try {
            holder = holder(Path.of(name));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return holder != null && ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The process id a lock names, or null if there is no lock or it names no number. */
    private static Long holder(Path name) throws IOException {
        try {
            return Long.parseLong(Files.readSymbolicLink(name).toString());
        } catch (NoSuchFileException | NumberFormatException e) {
            return null;
        } catch (java.nio.file.NotLinkException e) {
            return null;
        }
    }
}
