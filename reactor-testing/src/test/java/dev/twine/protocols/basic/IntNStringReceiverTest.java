package dev.twine.protocols.basic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.ProducerState;
import dev.twine.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Int32/Int16/Int8StringReceiver (Twisted's {@code test_basic.IntNTestCaseMixin} and its subclasses,
 * semantics.md §3.2); every behaviour is checked for each prefix size.
 */
class IntNStringReceiverTest {

    /**
     * Records the strings it receives, with the prefix size of one of the concrete receivers. The concrete
     * classes consist of nothing but their final {@code prefixLength()}, so a recorder taking that value
     * from an instance behaves exactly as a recording subclass of each would, without three copies of the
     * same subclass.
     */
    static final class Recorder extends IntNStringReceiver {
        final List<String> strings = new ArrayList<>();
        private final int prefixLength;

        Recorder(IntNStringReceiver kind) {
            prefixLength = kind.prefixLength();
        }

        @Override
        protected int prefixLength() {
            return prefixLength;
        }

        @Override
        public void stringReceived(byte[] s) {
            strings.add(new String(s, StandardCharsets.ISO_8859_1));
        }
    }

    static Stream<Arguments> receivers() {
        return Stream.of(
                Arguments.of("Int32", 4, new Int32StringReceiver()),
                Arguments.of("Int16", 2, new Int16StringReceiver()),
                Arguments.of("Int8", 1, new Int8StringReceiver()));
    }

    /** {@code s} with a big-endian prefix of {@code n} bytes holding {@code length}. */
    private static byte[] framed(int n, long length, String s) {
        byte[] body = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[n + body.length];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (byte) length;
            length >>>= 8;
        }
        System.arraycopy(body, 0, out, n, body.length);
        return out;
    }

    private static byte[] framed(int n, String s) {
        return framed(n, s.length(), s);
    }

    private static Recorder connected(IntNStringReceiver kind, int maxLength, StringTransport t) {
        Recorder r = new Recorder(kind);
        r.MAX_LENGTH = maxLength;
        r.makeConnection(t);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void deliversTheSameStringsWhereverTheInputIsSplit(String name, int n, IntNStringReceiver kind) {
        byte[] input = Splits.concat(framed(n, "hello"), framed(n, ""), framed(n, "a\u00ffb"), framed(n, "world"));
        for (List<byte[]> split : Splits.of(input)) {
            StringTransport t = new StringTransport();
            Recorder r = connected(kind, 99999, t);
            split.forEach(r::dataReceived);
            assertEquals(List.of("hello", "", "a\u00ffb", "world"), r.strings, Splits.describe(split));
            assertFalse(t.isDisconnecting());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void anOverlongStringIsNotDeliveredEvenWhenCompleteAndTheConnectionCloses(String name, int n,
            IntNStringReceiver kind) {
        // test_longStringNotDelivered, with every split of the input.
        byte[] input = Splits.concat(framed(n, "ok"), framed(n, "toolong"), framed(n, "later"));
        for (List<byte[]> split : Splits.of(input)) {
            StringTransport t = new StringTransport();
            Recorder r = connected(kind, 5, t);
            split.forEach(r::dataReceived);
            assertEquals(List.of("ok"), r.strings, Splits.describe(split));
            assertTrue(t.isDisconnecting());
            assertEquals(LengthLimitExceeded.class, r.brokenPeer().type());
            assertEquals(7, ((LengthLimitExceeded) r.brokenPeer().value()).length());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void lengthLimitExceededIsCalledAsSoonAsThePrefixIsComplete(String name, int n, IntNStringReceiver kind) {
        List<Long> lengths = new ArrayList<>();
        IntNStringReceiver spy = new IntNStringReceiver() {
            @Override
            protected int prefixLength() {
                return n;
            }

            @Override
            public void lengthLimitExceeded(long length) {
                lengths.add(length);
            }
        };
        spy.MAX_LENGTH = 10;
        spy.makeConnection(new StringTransport());
        spy.dataReceived(framed(n, 200, ""));
        assertEquals(List.of(200L), lengths);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void maxLengthDefaultsToTwisteds99999(String name, int n, IntNStringReceiver kind) {
        assertEquals(99999, kind.MAX_LENGTH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void theLengthPrefixIsUnsigned(String name, int n, IntNStringReceiver kind) {
        StringTransport t = new StringTransport();
        Recorder r = connected(kind, Integer.MAX_VALUE, t);
        long length = n == 4 ? 0x80000000L : n == 2 ? 0x8000 : 0x80;
        r.dataReceived(framed(n, length, ""));
        if (n == 4) {
            // 2^31 is beyond any int MAX_LENGTH, so it is refused, but as the large length it is.
            assertEquals(0x80000000L, ((LengthLimitExceeded) r.brokenPeer().value()).length());
            return;
        }
        assertFalse(t.isDisconnecting(), "a length with the top bit set is a large length, not a negative one");
        String body = "x".repeat((int) length);
        r.dataReceived(body.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(body), r.strings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void sendStringWritesTheBigEndianPrefixAndTheBytes(String name, int n, IntNStringReceiver kind) {
        StringTransport t = new StringTransport();
        Recorder r = connected(kind, 99999, t);
        r.sendString("abc".getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(framed(n, "abc"), t.value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void sendStringRefusesAStringTooLongForThePrefix(String name, int n, IntNStringReceiver kind) {
        if (n == 4) {
            return; // a Java array cannot reach 2^32 bytes
        }
        StringTransport t = new StringTransport();
        Recorder r = connected(kind, 99999, t);
        r.sendString(new byte[(1 << (8 * n)) - 1]);
        t.clear();
        assertThrows(StringTooLongError.class, () -> r.sendString(new byte[1 << (8 * n)]));
        assertEquals(0, t.value().length, "nothing is written");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void noStringIsDeliveredWhilePausedAndResumingDeliversTheBufferedOnes(String name, int n,
            IntNStringReceiver kind) {
        StringTransport t = new StringTransport();
        Recorder r = connected(kind, 99999, t);
        r.pauseProducing();
        assertEquals(ProducerState.PAUSED, t.producerState());
        r.dataReceived(Splits.concat(framed(n, "a"), framed(n, "b")));
        assertEquals(List.of(), r.strings);
        r.resumeProducing();
        assertEquals(ProducerState.PRODUCING, t.producerState());
        assertEquals(List.of("a", "b"), r.strings);
    }
}
