package dev.twine.bench.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestScannerTest {

    /** Feeds {@code text} in chunks of {@code chunk} bytes and returns the offsets where requests completed. */
    private static List<Integer> completions(String text, int chunk) {
        HttpRequestScanner scanner = new HttpRequestScanner();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        List<Integer> out = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += chunk) {
            for (int i = start; i < Math.min(bytes.length, start + chunk); i++) {
                int reply = scanner.step(bytes[i]);
                if (reply != RequestScanner.NONE) {
                    assertEquals(1, reply);
                    out.add(i + 1);
                }
            }
        }
        return out;
    }

    @Test
    void aRequestCompletesAtTheEmptyLineAfterItsHeaders() {
        String get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        assertEquals(List.of(get.length()), completions(get, 1000));
    }

    @Test
    void pipelinedRequestsCompleteOneByOneInOrder() {
        String get = "GET /plaintext HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n";
        assertEquals(List.of(get.length(), 2 * get.length(), 3 * get.length()), completions(get.repeat(3), 1000));
    }

    @Test
    void requestsSplitAtEveryByteBoundaryCompleteAtTheSameOffsets() {
        String text = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".repeat(4);
        List<Integer> whole = completions(text, text.length());
        for (int chunk = 1; chunk < 30; chunk++) {
            assertEquals(whole, completions(text, chunk), "chunk " + chunk);
        }
    }

    @Test
    void aBodyDeclaredByContentLengthInAnyCaseIsSkipped() {
        String post = "POST / HTTP/1.1\r\ncOnTeNt-LeNgTh: 5\r\n\r\nGET /";
        String next = "GET / HTTP/1.1\r\n\r\n";
        assertEquals(List.of(post.length(), post.length() + next.length()), completions(post + next, 3));
    }

    @Test
    void bareLineFeedsEndLinesToo() {
        String get = "GET / HTTP/1.1\nHost: a\n\n";
        assertEquals(List.of(get.length(), 2 * get.length()), completions(get + get, 7));
    }
}
