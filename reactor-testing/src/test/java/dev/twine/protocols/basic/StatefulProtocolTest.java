package dev.twine.protocols.basic;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StatefulProtocol (Twisted's {@code test_stateful.TestInt32}, semantics.md §3.3). */
class StatefulProtocolTest {

    /** Twisted's test protocol: a 4-byte length, then that many bytes; "quit" closes. */
    static final class LengthThenBody extends StatefulProtocol {
        final List<String> bodies = new ArrayList<>();

        @Override
        protected State getInitialState() {
            return new State(this::length, 4);
        }

        private State length(byte[] prefix) {
            int n = ((prefix[0] & 0xff) << 24) | ((prefix[1] & 0xff) << 16) | ((prefix[2] & 0xff) << 8) | (prefix[3] & 0xff);
            return n == 0 ? null : new State(this::body, n);
        }

        private State body(byte[] data) {
            String s = new String(data, US_ASCII);
            bodies.add(s);
            if (s.equals("quit")) {
                transport.loseConnection();
            }
            return getInitialState();
        }
    }

    private static byte[] frame(String s) {
        int n = s.length();
        return Splits.concat(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, s.getBytes(US_ASCII));
    }

    @Test
    void eachHandlerGetsExactlyItsSizeWhereverTheInputIsSplit() {
        byte[] input = Splits.concat(frame("hello"), frame(""), frame("a"), frame("world!"));
        for (List<byte[]> split : Splits.of(input)) {
            LengthThenBody p = new LengthThenBody();
            p.makeConnection(new StringTransport());
            split.forEach(p::dataReceived);
            assertEquals(List.of("hello", "a", "world!"), p.bodies, Splits.describe(split));
        }
    }

    @Test
    void nothingIsHandledOnceTheTransportIsDisconnecting() {
        LengthThenBody p = new LengthThenBody();
        p.makeConnection(new StringTransport());
        p.dataReceived(Splits.concat(frame("a"), frame("quit"), frame("b")));
        assertEquals(List.of("a", "quit"), p.bodies);
    }

    @Test
    void aStateThatReadsNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StatefulProtocol.State(data -> null, 0));
    }
}
