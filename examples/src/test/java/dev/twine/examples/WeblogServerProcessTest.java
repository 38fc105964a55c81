package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code weblog-server}: new access-log lines reach every client as XML within one push period, and a
 * client gets only the lines read after it connected (the push timing itself is specified on a Clock
 * by {@code weblog.ClientPushesTest}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WeblogServerProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);
    private static final String COMBINED = "192.0.2.7 - alice [10/Oct/2000:13:55:36 -0700] "
            + "\"GET /a?b=<c>&d=\\\"e\\\" HTTP/1.0\" 200 2326 \"http://example.com/\" \"Mozilla/5.0 (X11; 'quoted')\"";
    private static final String COMMON = "198.51.100.2 - - [10/Oct/2000:13:55:37 -0700] \"POST /form HTTP/1.1\" 302 -";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void streamsOnlyNewLinesAsEscapedXmlToEveryClient(String reactor) throws Exception {
        Path log = tmp.resolve("access.log");
        Files.writeString(log, "10.0.0.1 - - [01/Jan/2000:00:00:00 +0000] \"GET /old HTTP/1.0\" 200 1\n");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "weblog-server", "--iface", "127.0.0.1", "--port", "0", log.toString())) {
            int port = server.awaitPort();
            try (Socket first = Net.connect(port, READ)) {
                assertEquals("<hits>", Net.readLine(first));
                append(log, COMBINED + "\n" + COMMON + "\nnot an access log line & <b>\npartial");
                assertEquals("<hit ip=\"192.0.2.7\" timestamp=\"10/Oct/2000:13:55:36 -0700\" "
                        + "request=\"GET /a?b=&lt;c&gt;&amp;d=&quot;e&quot; HTTP/1.0\" status=\"200\" bytes=\"2326\" "
                        + "referer=\"http://example.com/\" agent=\"Mozilla/5.0 (X11; &apos;quoted&apos;)\"/>",
                        Net.readLine(first));
                assertEquals("<hit ip=\"198.51.100.2\" timestamp=\"10/Oct/2000:13:55:37 -0700\" "
                        + "request=\"POST /form HTTP/1.1\" status=\"302\" bytes=\"-\" referer=\"-\" agent=\"-\"/>",
                        Net.readLine(first));
                assertEquals("<hit ip=\"-\" timestamp=\"-\" request=\"not an access log line &amp; &lt;b&gt;\" "
                        + "status=\"-\" bytes=\"-\" referer=\"-\" agent=\"-\"/>", Net.readLine(first));
                // The unfinished line is held back until its line break arrives.
                append(log, " line\n");
                String completed = Net.readLine(first);
                assertTrue(completed.contains("request=\"partial line\""), completed);

                // A client that connects later gets none of the hits read before it connected: its first
                // line after <hits> is the hit appended after it connected.
                try (Socket second = Net.connect(port, READ)) {
                    assertEquals("<hits>", Net.readLine(second));
                    append(log, COMMON + "\n");
                    assertTrue(Net.readLine(second).contains("ip=\"198.51.100.2\""));
                    assertTrue(Net.readLine(first).contains("ip=\"198.51.100.2\""));
                }
            }
        }
    }

    private static void append(Path log, String text) throws java.io.IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
