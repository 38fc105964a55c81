package dev.twine.examples.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared sequence and its saved state. */
class FibonacciServiceTest {

    @Test
    void theSequenceStartsAtTwoAndAddsTheLastTwo() {
        FibonacciService f = new FibonacciService();
        assertEquals(BigInteger.TWO, f.peek());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(f.next()).append(' ');
        }
        assertEquals("2 3 5 8 13 21 34 55 ", sb.toString());
    }

    @Test
    void savedStateRestoresTheExactPositionBeyondLongRange() {
        FibonacciService f = new FibonacciService();
        for (int i = 0; i < 200; i++) {
            f.next();
        }
        Map<String, String> saved = f.saveState();
        FibonacciService g = new FibonacciService();
        g.restoreState(saved);
        assertEquals(f.next(), g.next());
        assertTrue(g.peek().bitLength() > 63, "past the range of a long");
    }

    @Test
    void stateThatIsNotAPointOfTheSequenceIsRejected() {
        FibonacciService f = new FibonacciService();
        assertThrows(IllegalArgumentException.class, () -> f.restoreState(Map.of("previous", "x", "current", "1")));
        assertThrows(IllegalArgumentException.class, () -> f.restoreState(Map.of("current", "1")));
        assertThrows(IllegalArgumentException.class, () -> f.restoreState(Map.of("previous", "8", "current", "5")));
        assertThrows(IllegalArgumentException.class, () -> f.restoreState(Map.of("previous", "0", "current", "1")));
    }
}
