package dev.twine.bench.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.bench.Stack;
import dev.twine.bench.servers.ServerHost;
import dev.twine.bench.servers.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** UdpEchoLoad against a real udp-echo server: a bounded run that reports the echoes it counted. */
class UdpEchoLoadTest {

    @Test
    void countsEchoesForTheGivenSecondsAndPrintsTheRate() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ServerHost server = ServerHost.start(Stack.of("select"), Service.UDP_ECHO, "127.0.0.1", 0, 128)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            UdpEchoLoad.main(new String[] {"--port", String.valueOf(server.port()), "--threads", "2", "--window", "4",
                    "--seconds", "0.5"});
        } finally {
            System.setOut(original);
        }
        String line = captured.toString(StandardCharsets.UTF_8).trim();
        Matcher m = Pattern.compile("datagrams=(\\d+) seconds=([0-9.]+) rate=([0-9.]+) lost=(\\d+)").matcher(line);
        assertTrue(m.matches(), line);
        long datagrams = Long.parseLong(m.group(1));
        double seconds = Double.parseDouble(m.group(2));
        assertTrue(datagrams > 100, "too few echoes counted: " + line);
        assertTrue(seconds >= 0.5 && seconds < 5, line);
        assertEquals(datagrams / seconds, Double.parseDouble(m.group(3)), datagrams / seconds * 0.01 + 0.1, line);
    }
}
