package dev.twine.application;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A file holding string key/value pairs, replaced atomically on every save: the new contents go to a
 * temporary file in the same directory, are forced to disk, and are then renamed over the old file, so
 * a crash mid-save leaves either the old state or the new one, never a torn file.
 *
 * <p>The format is {@link Properties} text, sorted by key, so people can read and diff it.
 *
 * <p>Threading: not thread-safe; one owner.
 */
public final class StateFile {
    private final Path path;

    public StateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** Where the state lives. */
    public Path path() {
        return path;
    }

    /**
     * Reads the saved pairs; empty if the file does not exist (a first run).
     *
     * @throws IOException if it exists but cannot be read or parsed
     */
    public Optional<Map<String, String>> read() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = new StringReader(Files.readString(path, StandardCharsets.UTF_8))) {
            props.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt state file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            out.put(key, props.getProperty(key));
        }
        return Optional.of(out);
    }

    /** Replaces the file's contents with {@code state}, atomically; {@code comment} heads the file. */
    public void write(Map<String, String> state, String comment) throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            byte[] bytes = render(state, comment).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Properties text with the entries sorted (Properties.store itself writes in hash order). */
    private static String render(Map<String, String> state, String comment) throws IOException {
        Properties props = new Properties();
        props.putAll(state);
        StringWriter out = new StringWriter();
        props.store(out, comment);
        List<String> header = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            (line.startsWith("#") ? header : entries).add(line);
        }
        // store() escapes line breaks inside values, so every entry is exactly one line and sorting is safe.
        Collections.sort(entries);
        StringBuilder sb = new StringBuilder();
        for (String line : header) {
            sb.append(line).append('\n');
        }
        for (String line : entries) {
            if (!line.isEmpty()) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
