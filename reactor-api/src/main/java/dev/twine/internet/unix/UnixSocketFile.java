package dev.twine.internet.unix;

import dev.twine.internet.error.CannotListenError;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.SocketProvider;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file system side of a bound UNIX socket, whatever its type (semantics.md §8.2, §8.9): the lock file
 * first (with {@code wantPID}), then the bind, removing a stale socket file and binding once more, then the
 * file's mode; {@link #closed()} removes the file and the lock. {@code listenUNIX}'s target and the UNIX
 * datagram ports both bind through it, so their errors read the same: every failure is a
 * {@link CannotListenError} naming the path. Reactor thread only.
 */
public final class UnixSocketFile {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    /** Opens a socket and binds it to a name; on failure closes what it opened. */
    @FunctionalInterface
    public interface Binder<S extends SelectableHandle> {
        /** @throws SocketErrorException {@link SocketError#EADDRINUSE} when the name is taken */
        S bind(String name) throws IOException;
    }

    private final String name;
    private final int mode;
    private final boolean wantPID;
    private FilesystemLock lock;

    /**
     * @param name    a path, or an abstract name with a leading NUL or {@code '@'}
     * @param mode    the permission bits given to the socket file after bind
     * @param wantPID take the lock file {@code name + ".lock"} first
     */
    public UnixSocketFile(String name, int mode, boolean wantPID) {
        this.name = UnixNames.normalize(name);
        this.mode = mode;
        this.wantPID = wantPID;
    }

    /** The name as the socket layer takes it (an abstract name with its leading NUL). */
    public String name() {
        return name;
    }

    /**
     * Takes the lock, binds with {@code binder} (removing a stale file first if the name is taken by one),
     * and sets the mode.
     *
     * @throws CannotListenError naming the path, with the lock released and nothing left open
     */
    public <S extends SelectableHandle> S bind(SocketProvider sockets, Binder<S> binder) {
        boolean isAbstract = UnixNames.isAbstract(name);
        if (isAbstract && !sockets.supportsAbstractUnixNames()) {
            throw cannotListen(new SocketErrorException(SocketError.EAFNOSUPPORT,
                    "abstract UNIX socket names are not supported by this backend"));
        }
        if (wantPID && !isAbstract) {
            takeLock();
        }
        try {
            S s = bindRemovingStale(binder, isAbstract);
            if (!isAbstract) {
                try {
                    Files.setPosixFilePermissions(Path.of(name), permissions(mode));
                } catch (IOException | UnsupportedOperationException e) {
                    s.close();
                    Files.deleteIfExists(Path.of(name));
                    throw cannotListen(new IOException("cannot set mode " + Integer.toOctalString(mode)
                            + ": " + e.getMessage(), e));
                }
            }
            return s;
        } catch (IOException e) {
            releaseLock();
            throw cannotListen(e);
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** The error for {@code cause}, naming the path (an abstract name with {@code '@'}). */
    public CannotListenError cannotListen(IOException cause) {
        return new CannotListenError(UnixNames.display(name), cause);
    }

    /** How messages name the socket: the path, or {@code '@'} and the abstract name. */
    public String display() {
        return UnixNames.display(name);
    }

    /** Removes the socket file (a path, not an abstract name) and releases the lock, as Twisted's Port does. */
    public void closed() {
        try {
            if (!UnixNames.isAbstract(name)) {
                Files.deleteIfExists(Path.of(name));
            }
        } catch (IOException e) {
            System.getLogger(UnixSocketFile.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove " + name + ": " + e.getMessage());
        } finally {
            releaseLock();
        }
    }

    private void takeLock() {
        FilesystemLock l = new FilesystemLock(Path.of(name + ".lock"));
        try {
            if (!l.lock()) {
                throw cannotListen(new IOException("Cannot acquire lock " + name + ".lock"));
            }
        } catch (IOException e) {
            throw cannotListen(new IOException("Cannot acquire lock " + name + ".lock: " + e.getMessage(), e));
        }
        lock = l;
        if (!l.clean()) {
            // The previous holder died: its socket file is stale (Twisted removes it the same way).
            removeIfSocket(Path.of(name));
        }
    }

    private void releaseLock() {
        FilesystemLock l = lock;
        lock = null;
        if (l != null) {
            try {
                l.unlock();
            } catch (IOException e) {
                System.getLogger(UnixSocketFile.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot remove lock " + name + ".lock: " + e.getMessage());
            }
        }
    }

    /**
     * Binds; if the path is taken by a socket file nobody is bound to any more, removes it and binds again.
     * A file that is not a socket is never removed.
     */
    private <S extends SelectableHandle> S bindRemovingStale(Binder<S> binder, boolean isAbstract)
            throws IOException {
        try {
            return binder.bind(name);
        } catch (SocketErrorException e) {
            if (isAbstract || e.error() != SocketError.EADDRINUSE || !isStaleSocket(Path.of(name))) {
                throw e;
            }
        }
        removeIfSocket(Path.of(name));
        return binder.bind(name);
    }

    /**
     * True if {@code path} is a socket file and a stream connect to it is refused: nothing is bound there
     * any more. A socket still bound answers otherwise: a stream listener accepts (or is busy), and a
     * datagram socket refuses the stream type with {@code EPROTOTYPE} (unix(7)), so one probe serves both
     * kinds. The probe is non-blocking, so a live listener with a full backlog counts as live rather than
     * stalling the loop.
     */
    static boolean isStaleSocket(Path path) {
        if (!isSocket(path)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return false;
        } catch (java.net.ConnectException refused) {
            return true;
        } catch (IOException | RuntimeException other) {
            return false;
        }
    }

    private static boolean isSocket(Path path) {
        try {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isSymbolicLink(path)
                    && "socket".equals(fileType(path));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** "socket" for a socket file; read through the unix attribute view, which every POSIX JDK has. */
    private static String fileType(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        // S_IFMT 0170000, S_IFSOCK 0140000 (stat(2)).
        return mode instanceof Integer m && (m & 0170000) == 0140000 ? "socket" : "other";
    }

    private static void removeIfSocket(Path path) {
        if (isSocket(path)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // bind will fail next and report the path; nothing more to do here.
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(BITS[i]);
            }
        }
        return set;
    }
}
