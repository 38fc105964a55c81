package dev.twine.examples.weblog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a growing log file, as {@code tail -F} does: each {@link #readNewLines()} returns the complete
 * lines appended since the last call.
 *
 * <ul>
 *   <li>{@link #seekToEnd()} skips what is already there; a file that does not exist yet is read from
 *       its beginning once it appears.</li>
 *   <li>A line still being written (no line break yet) is held back until it is complete.</li>
 *   <li>A file that shrank (truncated) or was replaced (log rotation: a new file key, i.e. inode) is
 *       read again from its start.</li>
 *   <li>At most {@link #MAX_READ} bytes are read per call, so a sudden large append cannot stall the
 *       reactor thread; the rest comes on the next calls.</li>
 * </ul>
 * Lines are decoded as UTF-8, malformed bytes replaced; a trailing CR is dropped.
 *
 * <p>Threading: one caller at a time (the reactor thread, once a second).
 */
final class LogTail {
    /** The most bytes read per call. */
    static final int MAX_READ = 1024 * 1024;

    private final Path path;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;
    private Object fileKey;

    LogTail(Path path) {
        this.path = path;
    }

    /** Starts following from the current end of the file (or from the start of a file yet to appear). */
    void seekToEnd() throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            position = attrs.size();
            fileKey = attrs.fileKey();
        } catch (NoSuchFileException e) {
            position = 0;
            fileKey = null;
        }
        partial.reset();
    }

    /** The complete lines added since the last call, oldest first. */
    List<String> readNewLines() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            // Rotated away and not yet recreated: read the new file from its start when it appears.
            position = 0;
            fileKey = null;
            partial.reset();
            return List.of();
        }
        boolean replaced = fileKey != null && attrs.fileKey() != null && !Objects.equals(fileKey, attrs.fileKey());
        if (replaced || attrs.size() < position) {
            position = 0;
            partial.reset();
        }
        fileKey = attrs.fileKey();
        if (attrs.size() == position) {
            return List.of();
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_READ, attrs.size() - position));
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                int n = ch.read(buf, position + buf.position());
                if (n <= 0) {
                    break;
                }
            }
        }
        buf.flip();
        position += buf.remaining();
        return split(buf);
    }

    private List<String> split(ByteBuffer buf) {
        List<String> lines = new ArrayList<>();
        byte[] bytes = buf.array();
        int start = buf.position();
        int end = buf.limit();
        for (int i = start; i < end; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                lines.add(decode(partial.toByteArray()));
                partial.reset();
                start = i + 1;
            }
        }
        partial.write(bytes, start, end - start);
        return lines;
    }

    private static String decode(byte[] line) {
        int len = line.length;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }
}
