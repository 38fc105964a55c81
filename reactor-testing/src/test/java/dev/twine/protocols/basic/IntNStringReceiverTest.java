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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Int32/Int16/Int8StringReceiver (Twisted's {@code test_basic.IntNTestCaseMixin} and its subclasses,
 * semantics.md §3.2); every behaviour is checked for each prefix size.
 */
class IntNStringReceiverTest {

    /** Records strings; one subclass per prefix size, built by {@link #receivers()}. */
    interface Recording {
        List<String> strings();
    }

    static final class R32 extends Int32StringReceiver implements Recording {
        final List<String> strings = new ArrayList<>();

        @Override
        public void stringReceived(byte[] s) {
            strings.add(new String(s, StandardCharsets.ISO_8859_1));
        }

        @Override
        public List<String> strings() {
            return strings;
        }
    }

    static final class R16 extends Int16StringReceiver implements Recording {
        final List<String> strings = new ArrayList<>();

        @Override
        public void stringReceived(byte[] s) {
            strings.add(new String(s, StandardCharsets.ISO_8859_1));
        }

        @Override
        public List<String> strings() {
            return strings;
        }
    }

    static final class R8 extends Int8StringReceiver implements Recording {
        final List<String> strings = new ArrayList<>();

        @Override
        public void stringReceived(byte[] s) {
            strings.add(new String(s, StandardCharsets.ISO_8859_1));
        }

        @Override
        public List<String> strings() {
            return strings;
        }
    }

    static Stream<Arguments> receivers() {
        return Stream.of(
                Arguments.of("Int32", 4, (Supplier<IntNStringReceiver>) R32::new),
                Arguments.of("Int16", 2, (Supplier<IntNStringReceiver>) R16::new),
                Arguments.of("Int8", 1, (Supplier<IntNStringReceiver>) R8::new));
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

    private static IntNStringReceiver connected(Supplier<IntNStringReceiver> make, int maxLength, StringTransport t) {
        IntNStringReceiver r = make.get();
        r.MAX_LENGTH = maxLength;
        r.makeConnection(t);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void deliversTheSameStringsWhereverTheInputIsSplit(String name, int n, Supplier<IntNStringReceiver> make) {
        byte[] input = Splits.concat(framed(n, "hello"), framed(n, ""), framed(n, "a\u00ffb"), framed(n, "world"));
        for (List<byte[]> split : Splits.of(input)) {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(make, 99999, t);
            split.forEach(r::dataReceived);
            assertEquals(List.of("hello", "", "a\u00ffb", "world"), ((Recording) r).strings(), Splits.describe(split));
            assertFalse(t.isDisconnecting());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void anOverlongStringIsNotDeliveredEvenWhenCompleteAndTheConnectionCloses(String name, int n,
            Supplier<IntNStringReceiver> make) {
        // test_longStringNotDelivered, with every split of the input.
        byte[] input = Splits.concat(framed(n, "ok"), framed(n, "toolong"), framed(n, "later"));
        for (List<byte[]> split : Splits.of(input)) {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(make, 5, t);
            split.forEach(r::dataReceived);
            assertEquals(List.of("ok"), ((Recording) r).strings(), Splits.describe(split));
            assertTrue(t.isDisconnecting());
            assertEquals(LengthLimitExceeded.class, r.brokenPeer().type());
            assertEquals(7, ((LengthLimitExceeded) r.brokenPeer().value()).length());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void lengthLimitExceededIsCalledAsSoonAsThePrefixIsComplete(String name, int n, Supplier<IntNStringReceiver> make) {
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
    void maxLengthDefaultsToTwisteds99999(String name, int n, Supplier<IntNStringReceiver> make) {
        assertEquals(99999, make.get().MAX_LENGTH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void theLengthPrefixIsUnsigned(String name, int n, Supplier<IntNStringReceiver> make) {
        StringTransport t = new StringTransport();
        IntNStringReceiver r = connected(make, Integer.MAX_VALUE, t);
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
        assertEquals(List.of(body), ((Recording) r).strings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void sendStringWritesTheBigEndianPrefixAndTheBytes(String name, int n, Supplier<IntNStringReceiver> make) {
        StringTransport t = new StringTransport();
        IntNStringReceiver r = connected(make, 99999, t);
        r.sendString("abc".getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(framed(n, "abc"), t.value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void sendStringRefusesAStringTooLongForThePrefix(String name, int n, Supplier<IntNStringReceiver> make) {
        if (n == 4) {
            return; // a Java array cannot reach 2^32 bytes
        }
        StringTransport t = new StringTransport();
        IntNStringReceiver r = connected(make, 99999, t);
        r.sendString(new byte[(1 << (8 * n)) - 1]);
        t.clear();
        assertThrows(StringTooLongError.class, () -> r.sendString(new byte[1 << (8 * n)]));
        assertEquals(0, t.value().length, "nothing is written");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void noStringIsDeliveredWhilePausedAndResumingDeliversTheBufferedOnes(String name, int n,
            Supplier<IntNStringReceiver> make) {
        StringTransport t = new StringTransport();
        IntNStringReceiver r = connected(make, 99999, t);
        r.pauseProducing();
        assertEquals(ProducerState.PAUSED, t.producerState());
        r.dataReceived(Splits.concat(framed(n, "a"), framed(n, "b")));
        assertEquals(List.of(), ((Recording) r).strings());
        r.resumeProducing();
        assertEquals(ProducerState.PRODUCING, t.producerState());
        assertEquals(List.of("a", "b"), ((Recording) r).strings());
    }
}
