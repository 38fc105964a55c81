package dev.twine.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Paths and fixtures shared by the process tests. */
final class Examples {
    private Examples() {
    }

    /** The {@code examples} module directory (set by the pom; the working directory otherwise). */
    static Path dir() {
        String d = System.getProperty("twine.examples.dir");
        return d != null ? Path.of(d) : Path.of("").toAbsolutePath();
    }

    /** A sample poem shipped in {@code examples/poems/}. */
    static Path poem(String name) {
        return dir().resolve("poems").resolve(name);
    }

    static byte[] poemBytes(String name) throws IOException {
        return Files.readAllBytes(poem(name));
    }

    /**
     * A large file of pseudo-random bytes (a fixed seed, so failures reproduce), big enough that a
     * client that stops reading fills every socket buffer between it and the server.
     */
    static Path bigFile(Path dir, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(4242).nextBytes(b);
        Path f = dir.resolve("big-" + size + ".bin");
        Files.write(f, b);
        return f;
    }

    /** A loopback port with nothing listening: bound, then closed again. */
    static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
