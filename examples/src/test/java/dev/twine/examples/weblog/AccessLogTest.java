package dev.twine.examples.weblog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, escaping and following the access log. */
class AccessLogTest {
    @TempDir
    Path tmp;

    @Test
    void aCombinedLineGivesEveryField() {
        AccessLogRecord r = AccessLogRecord.parse("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "
                + "\"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" "
                + "\"Mozilla/4.08 [en] (Win98; I ;Nav)\"");
        assertEquals(new AccessLogRecord("127.0.0.1", "10/Oct/2000:13:55:36 -0700", "GET /apache_pb.gif HTTP/1.0",
                "200", "2326", "http://www.example.com/start.html", "Mozilla/4.08 [en] (Win98; I ;Nav)"), r);
    }

    @Test
    void aCommonLineHasDashesForRefererAndAgent() {
        AccessLogRecord r = AccessLogRecord.parse("::1 - - [10/Oct/2000:13:55:36 -0700] \"HEAD / HTTP/1.1\" 304 -");
        assertEquals(new AccessLogRecord("::1", "10/Oct/2000:13:55:36 -0700", "HEAD / HTTP/1.1", "304", "-", "-", "-"), r);
    }

    @Test
    void escapedQuotesInsideTheRequestAreUndone() {
        AccessLogRecord r = AccessLogRecord.parse("1.2.3.4 - - [t] \"GET /\\\"x\\\"\\\\ HTTP/1.0\" 400 0 \"\" \"a\\\"b\"");
        assertEquals("GET /\"x\"\\ HTTP/1.0", r.request());
        assertEquals("-", r.referer());
        assertEquals("a\"b", r.agent());
    }

    @Test
    void aLineThatDoesNotParseGoesWholeIntoTheRequest() {
        AccessLogRecord r = AccessLogRecord.parse("this is <not> a log line");
        assertEquals(new AccessLogRecord("-", "-", "this is <not> a log line", "-", "-", "-", "-"), r);
        assertEquals("<hit ip=\"-\" timestamp=\"-\" request=\"this is &lt;not&gt; a log line\" status=\"-\" "
                + "bytes=\"-\" referer=\"-\" agent=\"-\"/>\n", r.toXml());
    }

    @Test
    void xmlEscapingCoversMarkupQuotesWhitespaceAndCharactersXmlCannotCarry() {
        assertEquals("&amp;&lt;&gt;&quot;&apos;", Xml.escapeAttribute("&<>\"'"));
        assertEquals("a&#9;b&#10;c&#13;", Xml.escapeAttribute("a\tb\nc\r"));
        assertEquals("\uFFFD\uFFFD\uFFFD", Xml.escapeAttribute("\u0001\uD800\uFFFF"));
        assertEquals("行 😀 é", Xml.escapeAttribute("行 😀 é"));
    }

    @Test
    void theTailSkipsWhatWasThereAndReturnsOnlyCompleteNewLines() throws IOException {
        Path log = tmp.resolve("log");
        Files.writeString(log, "old 1\nold 2\n");
        LogTail tail = new LogTail(log);
        tail.seekToEnd();
        assertEquals(List.of(), tail.readNewLines());
        append(log, "new 1\r\nnew ");
        assertEquals(List.of("new 1"), tail.readNewLines());
        append(log, "2\n");
        assertEquals(List.of("new 2"), tail.readNewLines());
    }

    @Test
    void theTailStartsOverWhenTheFileIsTruncatedOrReplaced() throws IOException {
        Path log = tmp.resolve("log");
        Files.writeString(log, "a long first line\n");
        LogTail tail = new LogTail(log);
        tail.seekToEnd();
        Files.writeString(log, "short\n");
        assertEquals(List.of("short"), tail.readNewLines());
        Path rotated = tmp.resolve("log.new");
        Files.writeString(rotated, "fresh file, rotated in\n");
        Files.move(rotated, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of("fresh file, rotated in"), tail.readNewLines());
        Files.delete(log);
        assertEquals(List.of(), tail.readNewLines());
        Files.writeString(log, "recreated\n");
        assertEquals(List.of("recreated"), tail.readNewLines());
    }

    @Test
    void theHitLogKeepsTheLastHundredAndAnswersByArrival() {
        HitLog hits = new HitLog();
        for (int i = 0; i < 150; i++) {
            hits.add(AccessLogRecord.parse("line " + i), i);
        }
        assertEquals(HitLog.CAPACITY, hits.size());
        List<HitLog.Hit> all = hits.after(0);
        assertEquals("line 50", all.get(0).record().request());
        assertEquals(List.of("line 148", "line 149"),
                hits.after(hits.lastSequence() - 2).stream().map(h -> h.record().request()).toList());
        assertEquals(List.of(), hits.after(hits.lastSequence()));
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
