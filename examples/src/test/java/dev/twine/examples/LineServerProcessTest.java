package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code line-server}: LineReceiver's framing seen from outside. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LineServerProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void echoesEachLineStrippingATrailingCarriageReturn(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "line-server", "--iface", "127.0.0.1", "--port", "0");
                Socket s = Net.connect(server.awaitPort(), READ)) {
            Net.send(s, "first\r\nsec");
            assertEquals("first", Net.readLine(s));
            Net.send(s, "ond\n\nünïcödé 行\r\n");
            assertEquals("second", Net.readLine(s));
            assertEquals("", Net.readLine(s));
            assertEquals("ünïcödé 行", Net.readLine(s));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void anOverlongLineDropsOnlyThatConnection(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "line-server", "--iface", "127.0.0.1", "--port", "0")) {
            int port = server.awaitPort();
            try (Socket good = Net.connect(port, READ); Socket bad = Net.connect(port, READ)) {
                char[] max = new char[16384];
                Arrays.fill(max, 'm');
                Net.send(bad, "ok\n" + new String(max) + "\n");
                assertEquals("ok", Net.readLine(bad));
                assertEquals(new String(max), Net.readLine(bad), "a line of exactly MAX_LENGTH is accepted");

                char[] over = new char[16385];
                Arrays.fill(over, 'x');
                Net.send(bad, new String(over) + "\nnever echoed\n");
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                bad.getInputStream().transferTo(rest);
                assertEquals("", rest.toString(), "nothing more is echoed and the connection ends");
                server.awaitLine("line longer than 16384 bytes from 127\\.0\\.0\\.1:\\d+; dropping that connection", READ);

                Net.send(good, "still here\n");
                assertEquals("still here", Net.readLine(good));
            }
            try (Socket later = Net.connect(port, READ)) {
                Net.send(later, "new client\n");
                assertEquals("new client", Net.readLine(later));
            }
        }
    }
}
