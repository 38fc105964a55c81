package dev.twine.internet.unix;

import dev.twine.internet.IAddress;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.tcp.ListenTarget;
import dev.twine.spi.ListeningSocketHandle;
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
 * What {@code listenUNIX} listens on (semantics.md §8.2): the lock file first (with {@code wantPID}), then the
 * socket, then the file's mode; closing removes the file and the lock. A file left by a listener that is
 * gone is removed and the bind retried once; a live listener at the path fails with
 * {@link CannotListenError}. Every failure names the path. Reactor thread only.
 */
public final class UnixListenTarget implements ListenTarget {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private final String name;
    private final int mode;
    private final boolean wantPID;
    private FilesystemLock lock;

    /**
     * @param name    a path, or an abstract name with a leading NUL or {@code '@'}
     * @param mode    the permission bits given to the socket file after bind
     * @param wantPID take the lock file {@code name + ".lock"} first
     */
    public UnixListenTarget(String name, int mode, boolean wantPID) {
        this.name = UnixNames.normalize(name);
        this.mode = mode;
        this.wantPID = wantPID;
    }

    @Override
    public ListeningSocketHandle open(SocketProvider sockets, int backlog) {
        boolean isAbstract = UnixNames.isAbstract(name);
        if (isAbstract && !sockets.supportsAbstractUnixNames()) {
            throw cannotListen(new SocketErrorException(SocketError.EAFNOSUPPORT,
                    "abstract UNIX socket names are not supported by this backend"));
        }
        if (wantPID && !isAbstract) {
            takeLock();
        }
        try {
            ListeningSocketHandle s = bindRemovingStale(sockets, backlog, isAbstract);
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

    @Override
    public IAddress boundAddress(ListeningSocketHandle socket) {
        return new UNIXAddress(name);
    }

    @Override
    public CannotListenError cannotListen(IOException cause) {
        return new CannotListenError(UnixNames.display(name), cause);
    }

    @Override
    public String describe(IAddress bound) {
        return UnixNames.display(name);
    }

    /** Removes the socket file (a path, not an abstract name) and releases the lock, as Twisted's Port does. */
    @Override
    public void closed() {
        try {
            if (!UnixNames.isAbstract(name)) {
                Files.deleteIfExists(Path.of(name));
            }
        } catch (IOException e) {
            System.getLogger(UnixListenTarget.class.getName()).log(System.Logger.Level.WARNING,
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
                System.getLogger(UnixListenTarget.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot remove lock " + name + ".lock: " + e.getMessage());
            }
        }
    }

    /**
     * Binds; if the path is taken by a socket file nobody listens on any more, removes it and binds again.
     * A file that is not a socket is never removed.
     */
    private ListeningSocketHandle bindRemovingStale(SocketProvider sockets, int backlog, boolean isAbstract)
            throws IOException {
        try {
            return sockets.listenUnix(name, backlog);
        } catch (SocketErrorException e) {
            if (isAbstract || e.error() != SocketError.EADDRINUSE || !isStaleSocket(Path.of(name))) {
                throw e;
            }
        }
        removeIfSocket(Path.of(name));
        return sockets.listenUnix(name, backlog);
    }

    /**
     * True if {@code path} is a socket file and a connect to it is refused: its listener is gone. The probe
     * is non-blocking, so a live listener with a full backlog counts as live rather than stalling the loop.
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
