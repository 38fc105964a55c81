package dev.twine.testing.fuzz;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserPropertyTest {

    /** A parser that reports each chunk it gets as a message: the kind of bug the property exists for. */
    static class ChunkEcho implements ParserTarget<String> {
        final List<String> messages = new ArrayList<>();

        @Override
        public void feed(byte[] chunk) {
            messages.add(new String(chunk, US_ASCII));
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
    }

    /** A parser that keeps everything and never emits. */
    static final class Hoarder extends ChunkEcho {
        long held;

        @Override
        public void feed(byte[] chunk) {
            held += chunk.length;
        }

        @Override
        public long buffered() {
            return held;
        }
    }

    private static byte[] input(int[] sizes, String payload) {
        byte[] p = payload.getBytes(US_ASCII);
        byte[] out = new byte[1 + sizes.length + p.length];
        out[0] = (byte) sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            out[1 + i] = (byte) (sizes[i] - 1);
        }
        System.arraycopy(p, 0, out, 1 + sizes.length, p.length);
        return out;
    }

    @Test
    void splitsCutThePayloadBySizesInTurn() {
        Splits s = Splits.decode(input(new int[] {1, 2}, "abcdef"));
        assertArrayEquals("abcdef".getBytes(US_ASCII), s.payload());
        List<String> chunks = new ArrayList<>();
        s.chunks().forEach(c -> chunks.add(new String(c, US_ASCII)));
        assertEquals(List.of("a", "bc", "d", "ef"), chunks);
        assertEquals(6, s.bytewise().size());
    }

    @Test
    void anyInputDecodesEvenTooShortForItsSizes() {
        Splits s = Splits.decode(new byte[] {15, 3});
        assertEquals(1, s.sizes().length);
        assertEquals(0, s.payload().length);
        assertEquals(0, Splits.decode(new byte[0]).chunks().get(0).length);
    }

    @Test
    void aParserWhoseMessagesDependOnChunkBoundariesIsCaught() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ParserProperty.check(ChunkEcho::new, input(new int[] {2}, "abcd"), 100));
        assertTrue(e.getMessage().contains("different messages"), e.getMessage());
        assertTrue(e.getMessage().contains("payload (hex): 61626364"), e.getMessage());
    }

    @Test
    void aParserThatHoldsMoreThanItsBoundIsCaught() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ParserProperty.check(Hoarder::new, input(new int[0], "0123456789"), 4));
        assertTrue(e.getMessage().contains("holds 10 bytes, more than its bound of 4"), e.getMessage());
    }

    @Test
    void anExceptionEscapingTheParserIsCaughtWithItsCause() {
        AssertionError e = assertThrows(AssertionError.class, () -> ParserProperty.check(() -> new ChunkEcho() {
            @Override
            public void feed(byte[] chunk) {
                throw new ArrayIndexOutOfBoundsException("boom");
            }
        }, input(new int[0], "x"), 100));
        assertTrue(e.getCause() instanceof ArrayIndexOutOfBoundsException);
    }

    @Test
    void theLineFramersHoldTheirBoundOnAnOverlongLine() {
        String overlong = "x".repeat(100) + "\r\nnext\r\n";
        ParserProperty.check(LineReceiverTarget::new, input(new int[] {7}, overlong), LineReceiverTarget.BOUND);
        ParserProperty.check(LineOnlyReceiverTarget::new, input(new int[] {7}, overlong), LineOnlyReceiverTarget.BOUND);
        LineReceiverTarget t = new LineReceiverTarget();
        t.feed(overlong.getBytes(US_ASCII));
        assertEquals(List.of("EXCEEDED"), t.messages());
    }

    @Test
    void rawModeBlocksComeOutTheSameHoweverTheyAreSplit() {
        String stream = "a\r\nraw 3\r\nxyzb\r\nquit\r\nnever\r\n";
        ParserProperty.check(LineReceiverTarget::new, input(new int[] {1, 4}, stream), LineReceiverTarget.BOUND);
        LineReceiverTarget t = new LineReceiverTarget();
        t.feed(stream.getBytes(US_ASCII));
        assertEquals(List.of("L:a", "L:raw 3", "R:xyz", "L:b", "L:quit"), t.messages());
    }
}
