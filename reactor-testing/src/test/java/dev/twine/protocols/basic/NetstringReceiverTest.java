package dev.twine.protocols.basic;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NetstringReceiver's framing (Twisted's {@code test_basic.NetstringReceiverTests}, semantics.md §3.1). */
class NetstringReceiverTest {

    static final class Recorder extends NetstringReceiver {
        final List<String> strings = new ArrayList<>();

        Recorder(int maxLength) {
            MAX_LENGTH = maxLength;
        }

        @Override
        public void stringReceived(byte[] string) {
            strings.add(new String(string, US_ASCII));
        }
    }

    private static Recorder feed(int maxLength, List<byte[]> chunks, StringTransport t) {
        Recorder r = new Recorder(maxLength);
        r.makeConnection(t);
        for (byte[] c : chunks) {
            r.dataReceived(c);
        }
        return r;
    }

    @Test
    void deliversTheSameStringsWhereverTheInputIsSplit() {
        byte[] input = "3:abc,0:,12:hello, world,1::,".getBytes(US_ASCII);
        for (List<byte[]> split : Splits.of(input)) {
            StringTransport t = new StringTransport();
            Recorder r = feed(99999, split, t);
            assertEquals(List.of("abc", "", "hello, world", ":"), r.strings, Splits.describe(split));
            assertNull(r.brokenPeer(), Splits.describe(split));
            assertFalse(t.isDisconnecting());
        }
    }

    @Test
    void aStringOfExactlyMaxLengthIsAccepted() {
        Recorder r = feed(5, List.of("5:12345,".getBytes(US_ASCII)), new StringTransport());
        assertEquals(List.of("12345"), r.strings);
    }

    @Test
    void eachOfTwistedsIllegalInputsClosesTheConnectionWithAParseErrorWhereverSplit() {
        // test_illegal's strings, plus a leading zero and a length with no colon.
        for (String illegal : List.of("9999999999999999999999", "abc", "4:abcde", "51:" + "a".repeat(50) + "b,",
                "01:a,", "3x:abc,", ":abc,")) {
            for (List<byte[]> split : Splits.of(illegal.getBytes(US_ASCII))) {
                StringTransport t = new StringTransport();
                Recorder r = feed(50, split, t);
                String where = illegal + " / " + Splits.describe(split);
                assertTrue(t.isDisconnecting(), where);
                assertNotNull(r.brokenPeer(), where);
                assertEquals(NetstringParseError.class, r.brokenPeer().type(), where);
                assertEquals(List.of(), r.strings, where);
            }
        }
    }

    @Test
    void aLengthAboveMaxLengthIsRefusedBeforeItsColonArrives() {
        StringTransport t = new StringTransport();
        Recorder r = feed(99999, List.of("100000".getBytes(US_ASCII)), t);
        assertTrue(t.isDisconnecting());
        assertTrue(r.brokenPeer().getErrorMessage().contains("longer than the maximum 99999"),
                r.brokenPeer().getErrorMessage());
    }

    @Test
    void theFailureNamesAMissingComma() {
        Recorder r = feed(99999, List.of("4:abcde".getBytes(US_ASCII)), new StringTransport());
        assertTrue(r.brokenPeer().getErrorMessage().contains("not terminated by a comma"));
    }

    @Test
    void nothingIsParsedAfterThePeerBrokeTheFraming() {
        Recorder r = feed(99999, List.of("x".getBytes(US_ASCII), "3:abc,".getBytes(US_ASCII)), new StringTransport());
        assertEquals(List.of(), r.strings);
    }

    @Test
    void stringsBeforeAViolationAreStillDelivered() {
        StringTransport t = new StringTransport();
        Recorder r = feed(99999, List.of("2:ok,zz".getBytes(US_ASCII)), t);
        assertEquals(List.of("ok"), r.strings);
        assertTrue(t.isDisconnecting());
    }

    @Test
    void sendStringWritesLengthColonPayloadComma() {
        StringTransport t = new StringTransport();
        Recorder r = feed(99999, List.of(), t);
        r.sendString("hello".getBytes(US_ASCII));
        r.sendString(new byte[0]);
        assertEquals("5:hello,0:,", new String(t.value(), US_ASCII));
    }
}
