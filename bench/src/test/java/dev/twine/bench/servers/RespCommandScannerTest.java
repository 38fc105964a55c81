package dev.twine.bench.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespCommandScannerTest {

    /** The replies the scanner asks for, feeding {@code text} in chunks of {@code chunk} bytes. */
    private static List<Integer> replies(String text, int chunk) {
        RespCommandScanner scanner = new RespCommandScanner();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        List<Integer> out = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += chunk) {
            for (int i = start; i < Math.min(bytes.length, start + chunk); i++) {
                int reply = scanner.step(bytes[i]);
                if (reply != RequestScanner.NONE) {
                    out.add(reply);
                }
            }
        }
        return out;
    }

    private static final int PONG = RespCommandScanner.PONG;
    private static final int ERROR = RespCommandScanner.ERROR;

    @Test
    void inlinePingIsAnsweredWithPong() {
        assertEquals(List.of(PONG), replies("PING\r\n", 100));
    }

    @Test
    void multibulkPingIsAnsweredWithPong() {
        assertEquals(List.of(PONG), replies("*1\r\n$4\r\nPING\r\n", 100));
    }

    @Test
    void pipelinedPingsOfBothFormsAreAnsweredInOrderWhateverTheChunking() {
        String text = "PING\r\n*1\r\n$4\r\nping\r\n".repeat(16);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            expected.add(PONG);
        }
        for (int chunk = 1; chunk <= 40; chunk++) {
            assertEquals(expected, replies(text, chunk), "chunk " + chunk);
        }
    }

    @Test
    void otherCommandsGetAnErrorAndDoNotDisturbTheNext() {
        String configGet = "*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$4\r\nsave\r\n";
        assertEquals(List.of(ERROR, PONG, ERROR, PONG),
                replies(configGet + "PING\r\nPINGS\r\n*1\r\n$4\r\nPing\r\n", 5));
    }

    @Test
    void pingWithAnArgumentIsStillPing() {
        assertEquals(List.of(PONG, PONG), replies("PING hello\r\n*2\r\n$4\r\nPING\r\n$5\r\nhello\r\n", 3));
    }

    @Test
    void emptyInlineLinesAreIgnoredAsRedisDoes() {
        assertEquals(List.of(PONG), replies("\r\n\r\nPING\r\n", 1));
    }
}
