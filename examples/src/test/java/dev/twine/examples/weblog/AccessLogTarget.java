package dev.twine.examples.weblog;

import dev.twine.testing.fuzz.ParserTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The weblog server's parsing path as a fuzz target: bytes appended to a log file in chunks, read back by
 * {@link LogTail} after each append, each complete line parsed by {@link AccessLogRecord#parse} and turned
 * into the {@code <hit/>} element the server sends. The messages are those elements, which must be
 * well-formed: exactly the seven attributes' fourteen quotes and no markup inside them.
 *
 * <p>{@code LogTail} has no maximum line length (a line still being written is held whole), so there is no
 * configured bound to check: {@link #buffered()} reports 0. Each instance owns a temporary file, deleted by
 * {@link #close()}.
 */
final class AccessLogTarget implements ParserTarget<String> {
    private final Path file;
    private final LogTail tail;
    private final List<String> messages = new ArrayList<>();

    AccessLogTarget() {
        try {
            file = Files.createTempFile("twine-weblog-fuzz", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tail = new LogTail(file);
    }

    @Override
    public void feed(byte[] chunk) {
        try {
            Files.write(file, chunk, StandardOpenOption.APPEND);
            for (String line : tail.readNewLines()) {
                String xml = AccessLogRecord.parse(line).toXml();
                if (xml.chars().filter(c -> c == '"').count() != 14 || xml.indexOf('<', 1) >= 0
                        || !xml.endsWith("/>\n")) {
                    throw new AssertionError("malformed element for line " + line + ": " + xml);
                }
                messages.add(xml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> messages() {
        return messages;
    }

    @Override
    public long buffered() {
        return 0;
    }

    @Override
    public boolean closed() {
        return false;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
