package dev.twine.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The programs' standard output: UTF-8 whatever the platform's default, flushed after every line.
 *
 * <p>The broadcast server's greeting and the sample poems are multi-byte UTF-8; {@code System.out} would
 * print them as {@code ?} under a POSIX/C locale. Flushing per line keeps the output in order with the
 * network traffic it reports, which is what a person (or a test) reading it as it happens needs.
 * Thread-safe (PrintStream locks).
 */
public final class Out {
    private static final PrintStream STDOUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Out() {
    }

    /** Prints a line to standard output. */
    public static void println(String line) {
        STDOUT.println(line);
    }

    /** Prints a line to standard error. */
    public static void err(String line) {
        STDERR.println(line);
    }
}
