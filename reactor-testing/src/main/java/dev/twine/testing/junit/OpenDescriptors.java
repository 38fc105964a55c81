package dev.twine.testing.junit;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's open sockets, pipes and anonymous-inode descriptors (epoll, eventfd...), read from
 * {@code /proc/self/fd} where it exists (Linux); elsewhere the descriptor check is skipped.
 *
 * <p>Regular files are left out: the JVM opens jar files as classes load and keeps them open, which would
 * look like a leak in whichever test loaded a class first. A reactor only ever leaks the kinds counted here.
 * The JDK keeps one socket of its own the first time NIO closes a channel (the descriptor it {@code dup2}s
 * over ones closed asynchronously), so one throwaway selector and channel are closed before the first
 * count.
 */
final class OpenDescriptors {
    private static final Path FD_DIR = Path.of("/proc/self/fd");
    /** How long a descriptor closed by another thread (a peer's socket) may take to disappear. */
    private static final long SETTLE_MILLIS = 2_000;

    private OpenDescriptors() {
    }

    /**
     * Makes the JDK open its one kept descriptor before the first count. A holder class, so that only
     * {@link #list()} pays for it: where there is no {@code /proc/self/fd} (Windows, Wine) no selector is
     * ever opened by this check.
     */
    private static final class JdkDescriptorWarmUp {
        static {
            try {
                Selector.open().close();
                SocketChannel.open().close();
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static void ensure() {
        }
    }

    /** True where {@code /proc/self/fd} can be read. */
    static boolean supported() {
        return Files.isDirectory(FD_DIR);
    }

    /** Each counted descriptor as {@code "<fd> -> <target>"}, e.g. {@code "12 -> socket:[4711]"}. */
    static List<String> list() {
        JdkDescriptorWarmUp.ensure();
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

    /** The descriptors open now that were not in {@code before}, after letting other threads' closes land. */
    static List<String> leakedSince(List<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        while (true) {
            List<String> now = list();
            now.removeAll(before);
            if (now.isEmpty() || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(20);
        }
    }
}
