package dev.twine.testfixtures;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's open sockets, pipes and anonymous-inode descriptors (epoll, eventfd, ...), read from
 * {@code /proc/self/fd} where it exists (Linux).
 *
 * <p>Regular files are left out on purpose: the JVM opens jar files as classes are first loaded and keeps
 * them open, which would look like a leak in whichever test happened to load a class first. A reactor
 * only ever leaks the kinds counted here.
 *
 * <p>The JDK keeps one descriptor of its own that looks like a leak: the first time NIO closes a channel
 * or selector, {@code sun.nio.ch.FileDispatcherImpl} creates a socket pair, closes one end and keeps the
 * other for the life of the JVM (it {@code dup2}s it over descriptors being closed asynchronously).
 * {@link #list()} therefore closes a throwaway selector and socket channel once before its first count.
 */
public final class OpenDescriptors {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    static {
        try {
            Selector.open().close();
            SocketChannel.open().close();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OpenDescriptors() {
    }

    /** True where {@code /proc/self/fd} can be read. */
    public static boolean supported() {
        return Files.isDirectory(FD_DIR);
    }

    /** Each counted descriptor as {@code "<fd> -> <target>"}, e.g. {@code "12 -> socket:[4711]"}. */
    public static List<String> list() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : dir) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile, or the directory stream's own descriptor
                }
                if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                    out.add(fd.getFileName() + " -> " + target);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + FD_DIR, e);
        }
        return out;
    }
}
