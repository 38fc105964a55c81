package dev.twine.examples.fib;

import dev.twine.application.IPersistable;
import dev.twine.application.Service;
import java.math.BigInteger;
import java.util.Map;

/**
 * The Fibonacci sequence shared by every client, as a persistent service: each {@link #next()} returns
 * the next number (2, 3, 5, 8, ...), and the position survives restarts through its
 * {@link dev.twine.application.Application}'s state file.
 *
 * <p>The state is the last two numbers, {@code previous} and {@code current}, starting at 1 and 1; the
 * next number is their sum. Numbers are arbitrary-precision: the sequence never overflows.
 *
 * <p>Threading: reactor thread only.
 */
final class FibonacciService extends Service implements IPersistable {
    static final String NAME = "fibonacci";

    private BigInteger previous = BigInteger.ONE;
    private BigInteger current = BigInteger.ONE;

    FibonacciService() {
        super(NAME);
    }

    /** Advances the sequence and returns the new number. */
    BigInteger next() {
        BigInteger n = previous.add(current);
        previous = current;
        current = n;
        return n;
    }

    /** The number the next call to {@link #next()} will return. */
    BigInteger peek() {
        return previous.add(current);
    }

    @Override
    public Map<String, String> saveState() {
        return Map.of("previous", previous.toString(), "current", current.toString());
    }

    @Override
    public void restoreState(Map<String, String> state) {
        BigInteger p = number(state, "previous");
        BigInteger c = number(state, "current");
        if (p.signum() <= 0 || c.compareTo(p) < 0) {
            throw new IllegalArgumentException("not a point of the sequence: previous=" + p + ", current=" + c);
        }
        previous = p;
        current = c;
    }

    private static BigInteger number(Map<String, String> state, String key) {
        String v = state.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        try {
            return new BigInteger(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + v);
        }
    }
}
