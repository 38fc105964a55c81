package dev.twine.protocols.basic;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.ProducerState;
import dev.twine.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LineReceiver's framing rules (Twisted's {@code test_basic.LineReceiverTests}, semantics.md §1.15). */
class LineReceiverTest {

    /** Records lines and raw data; can react to a line by closing, pausing or switching modes. */
    static class Recorder extends LineReceiver {
        final List<String> lines = new ArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        final List<byte[]> exceeded = new ArrayList<>();
        String closeOn;
        String rawOn;

        Recorder(String delimiter, int maxLength) {
            this.delimiter = delimiter.getBytes(US_ASCII);
            this.MAX_LENGTH = maxLength;
        }

        @Override
        public void lineReceived(byte[] line) {
            String text = new String(line, US_ASCII);
            lines.add(text);
            if (text.equals(closeOn)) {
                transport.loseConnection();
            }
            if (text.equals(rawOn)) {
                setRawMode();
            }
        }

        @Override
        public void rawDataReceived(byte[] data) {
            raw.writeBytes(data);
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            exceeded.add(line);
            super.lineLengthExceeded(line);
        }
    }

    private static Recorder connected(String delimiter, int maxLength, StringTransport transport) {
        Recorder r = new Recorder(delimiter, maxLength);
        r.makeConnection(transport);
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void everyChunkingOfTheStreamDeliversTheSameLines() {
        String stream = "len 10\r\n0123456789\r\nshort\r\n\r\nlast one\r\n";
        List<String> expected = List.of("len 10", "0123456789", "short", "", "last one");
        for (int size = 1; size <= stream.length(); size++) {
            Recorder r = connected("\r\n", 16384, new StringTransport());
            byte[] bytes = ascii(stream);
            for (int i = 0; i < bytes.length; i += size) {
                r.dataReceived(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
            }
            assertEquals(expected, r.lines, "chunk size " + size);
        }
    }

    @Test
    void aDelimiterSplitAcrossChunksIsRecognised() {
        Recorder r = connected("\r\n", 16384, new StringTransport());
        r.dataReceived(ascii("abc\r"));
        assertEquals(List.of(), r.lines);
        r.dataReceived(ascii("\ndef\r"));
        r.dataReceived(ascii("\n"));
        assertEquals(List.of("abc", "def"), r.lines);
    }

    @Test
    void aLineOfExactlyMaxLengthIsDelivered() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\n", 10, t);
        r.dataReceived(ascii("0123456789\n"));
        assertEquals(List.of("0123456789"), r.lines);
        assertFalse(t.isDisconnecting());
    }

    @Test
    void aDelimitedLineLongerThanMaxLengthReportsItWithTheRestAndCloses() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\n", 10, t);
        r.dataReceived(ascii("ok\n01234567890\nnext\n"));
        assertEquals(List.of("ok"), r.lines);
        assertEquals(1, r.exceeded.size());
        assertArrayEquals(ascii("01234567890\nnext\n"), r.exceeded.get(0));
        assertTrue(t.isDisconnecting());
        assertArrayEquals(new byte[0], r.clearLineBuffer());
        assertEquals(LineLengthExceeded.class, r.brokenPeer().type(), "the Failure names the cause");
    }

    @Test
    void maxLengthPlusAPartialDelimiterStillWaitsForTheRestOfTheDelimiter() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\r\n", 10, t);
        r.dataReceived(ascii("0123456789\r"));
        assertEquals(List.of(), r.exceeded);
        assertFalse(t.isDisconnecting());
        r.dataReceived(ascii("\n"));
        assertEquals(List.of("0123456789"), r.lines);
    }

    @Test
    void anUnterminatedBufferOfMaxLengthPlusDelimiterLengthIsOverlong() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\r\n", 10, t);
        r.dataReceived(ascii("0123456789a"));
        assertEquals(List.of(), r.exceeded);
        r.dataReceived(ascii("b"));
        assertEquals(1, r.exceeded.size());
        assertArrayEquals(ascii("0123456789ab"), r.exceeded.get(0));
        assertTrue(t.isDisconnecting());
    }

    @Test
    void linesAlreadyBufferedAreNotDeliveredOnceTheProtocolIsDisconnecting() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\n", 100, t);
        r.closeOn = "bye";
        r.dataReceived(ascii("one\nbye\nnever\nnor this\n"));
        assertEquals(List.of("one", "bye"), r.lines);
    }

    @Test
    void pausingStopsDeliveryOfBufferedLinesAndResumingDeliversThem() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\n", 100, t);
        r.pauseProducing();
        assertEquals(ProducerState.PAUSED, t.producerState());
        r.dataReceived(ascii("a\nb\nc"));
        assertEquals(List.of(), r.lines);
        r.resumeProducing();
        assertEquals(ProducerState.PRODUCING, t.producerState());
        assertEquals(List.of("a", "b"), r.lines);
        r.dataReceived(ascii("\n"));
        assertEquals(List.of("a", "b", "c"), r.lines);
    }

    @Test
    void stopProducingPausesAndStopsTheTransport() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\n", 100, t);
        r.stopProducing();
        r.dataReceived(ascii("x\n"));
        assertEquals(List.of(), r.lines);
        assertEquals(ProducerState.STOPPED, t.producerState());
    }

    @Test
    void rawModeReceivesTheRestOfTheBufferAndLaterData() {
        Recorder r = connected("\r\n", 100, new StringTransport());
        r.rawOn = "BODY";
        r.dataReceived(ascii("HEAD\r\nBODY\r\nraw\r\nbytes"));
        r.dataReceived(ascii(" more"));
        assertEquals(List.of("HEAD", "BODY"), r.lines);
        assertEquals("raw\r\nbytes more", r.raw.toString(US_ASCII));
        assertFalse(r.isLineMode());
    }

    @Test
    void setLineModeParsesItsExtraBytesAheadOfLaterData() {
        Recorder r = connected("\n", 100, new StringTransport());
        r.setRawMode();
        r.dataReceived(ascii("raw"));
        r.setLineMode(ascii("x\ny"));
        r.dataReceived(ascii("z\n"));
        assertEquals("raw", r.raw.toString(US_ASCII));
        assertEquals(List.of("x", "yz"), r.lines);
    }

    @Test
    void dataReceivedCalledFromLineReceivedOnlyBuffersAndKeepsOrder() {
        StringTransport t = new StringTransport();
        LineReceiver r = new LineReceiver() {
            final List<String> seen = new ArrayList<>();

            @Override
            public void lineReceived(byte[] line) {
                String s = new String(line, US_ASCII);
                seen.add(s);
                if (s.equals("first")) {
                    dataReceived(ascii("injected\n"));
                }
                transport.write(ascii(s + ";"));
            }
        };
        r.makeConnection(t);
        r.dataReceived(ascii("first\r\nsecond\r\n"));
        // The injected bytes follow what was already buffered, since they arrived later.
        r.dataReceived(ascii("\r\n"));
        assertEquals("first;second;injected\n;", new String(t.value(), US_ASCII));
    }

    @Test
    void clearLineBufferReturnsTheUndeliveredBytes() {
        Recorder r = connected("\n", 100, new StringTransport());
        r.dataReceived(ascii("done\npartial"));
        assertArrayEquals(ascii("partial"), r.clearLineBuffer());
        r.dataReceived(ascii("\n"));
        assertEquals(List.of("done", ""), r.lines);
    }

    @Test
    void sendLineAppendsTheDelimiter() {
        StringTransport t = new StringTransport();
        Recorder r = connected("\n", 100, t);
        r.sendLine(ascii("hello"));
        r.sendLine(new byte[0]);
        assertEquals("hello\n\n", new String(t.value(), US_ASCII));
    }

    @Test
    void manyLinesInOneLargeChunkAreAllDeliveredInOrder() {
        Recorder r = connected("\n", 100, new StringTransport());
        StringBuilder sb = new StringBuilder();
        int count = 50_000;
        for (int i = 0; i < count; i++) {
            sb.append(i).append('\n');
        }
        r.dataReceived(ascii(sb.toString()));
        assertEquals(count, r.lines.size());
        assertEquals("0", r.lines.get(0));
        assertEquals(String.valueOf(count - 1), r.lines.get(count - 1));
    }

    @Test
    void aLongLineArrivingByteByByteIsDeliveredWhole() {
        Recorder r = connected("\r\n", 16384, new StringTransport());
        byte[] line = new byte[16384];
        Arrays.fill(line, (byte) 'x');
        for (byte b : line) {
            r.dataReceived(new byte[] {b});
        }
        r.dataReceived(ascii("\r\n"));
        assertEquals(1, r.lines.size());
        assertEquals(16384, r.lines.get(0).length());
    }
}
