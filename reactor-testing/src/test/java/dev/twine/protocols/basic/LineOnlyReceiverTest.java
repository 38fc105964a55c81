package dev.twine.protocols.basic;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LineOnlyReceiver's framing rules (Twisted's {@code test_basic.LineOnlyReceiverTests}, semantics.md §1.15). */
class LineOnlyReceiverTest {

    static final class Recorder extends LineOnlyReceiver {
        final List<String> lines = new ArrayList<>();
        final List<byte[]> exceeded = new ArrayList<>();

        Recorder(int maxLength) {
            MAX_LENGTH = maxLength;
        }

        @Override
        public void lineReceived(byte[] line) {
            lines.add(new String(line, US_ASCII));
            if (lines.get(lines.size() - 1).equals("quit")) {
                transport.loseConnection();
            }
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            exceeded.add(line);
            super.lineLengthExceeded(line);
        }
    }

    @Test
    void deliversEachCrLfTerminatedLine() {
        Recorder r = new Recorder(100);
        r.makeConnection(new StringTransport());
        r.dataReceived("foo\r\nbar\r\nba".getBytes(US_ASCII));
        r.dataReceived("z\r\n".getBytes(US_ASCII));
        assertEquals(List.of("foo", "bar", "baz"), r.lines);
    }

    @Test
    void anOverlongLineIsReportedAloneAndClosesTheConnection() {
        StringTransport t = new StringTransport();
        Recorder r = new Recorder(5);
        r.makeConnection(t);
        r.dataReceived("ok\r\ntoolong\r\nlater\r\n".getBytes(US_ASCII));
        assertEquals(List.of("ok"), r.lines);
        assertArrayEquals("toolong".getBytes(US_ASCII), r.exceeded.get(0));
        assertTrue(t.isDisconnecting());
    }

    @Test
    void anOverlongUnterminatedRemainderIsReported() {
        StringTransport t = new StringTransport();
        Recorder r = new Recorder(5);
        r.makeConnection(t);
        r.dataReceived("abcdef".getBytes(US_ASCII));
        assertArrayEquals("abcdef".getBytes(US_ASCII), r.exceeded.get(0));
        assertTrue(t.isDisconnecting());
    }

    @Test
    void deliversTheSameLinesWhereverTheInputIsSplit() {
        byte[] input = "one\r\n\r\ntwo three\r\nfour\r\n".getBytes(US_ASCII);
        for (List<byte[]> split : Splits.of(input)) {
            Recorder r = new Recorder(100);
            r.makeConnection(new StringTransport());
            split.forEach(r::dataReceived);
            assertEquals(List.of("one", "", "two three", "four"), r.lines, Splits.describe(split));
        }
    }

    @Test
    void theDefaultLineLengthExceededClosesWithAFailureNamingTheCause() {
        StringTransport t = new StringTransport();
        Recorder r = new Recorder(5);
        r.makeConnection(t);
        r.dataReceived("toolong\r\n".getBytes(US_ASCII));
        assertEquals(LineLengthExceeded.class, r.brokenPeer().type());
        assertEquals("a line longer than MAX_LENGTH 5 bytes", r.brokenPeer().value().getMessage());
    }

    @Test
    void aLineOfExactlyMaxLengthIsDeliveredWhenItsDelimiterArrivesSplit() {
        StringTransport t = new StringTransport();
        Recorder r = new Recorder(5);
        r.makeConnection(t);
        r.dataReceived("abcde\r".getBytes(US_ASCII));
        r.dataReceived("\n".getBytes(US_ASCII));
        assertEquals(List.of("abcde"), r.lines);
        assertEquals(0, r.exceeded.size());
    }

    @Test
    void aRemainderLongerThanMaxLengthPlusAPartialDelimiterIsReported() {
        StringTransport t = new StringTransport();
        Recorder r = new Recorder(5);
        r.makeConnection(t);
        r.dataReceived("abcde\rx".getBytes(US_ASCII));
        assertArrayEquals("abcde\rx".getBytes(US_ASCII), r.exceeded.get(0));
        assertTrue(t.isDisconnecting());
    }

    @Test
    void stopsDeliveringOnceDisconnecting() {
        Recorder r = new Recorder(100);
        r.makeConnection(new StringTransport());
        r.dataReceived("a\r\nquit\r\nb\r\n".getBytes(US_ASCII));
        assertEquals(List.of("a", "quit"), r.lines);
    }

    @Test
    void sendLineWritesTheLineAndTheDelimiter() {
        StringTransport t = new StringTransport();
        Recorder r = new Recorder(100);
        r.makeConnection(t);
        r.sendLine("hi".getBytes(US_ASCII));
        assertEquals("hi\r\n", new String(t.value(), US_ASCII));
    }
}
