package dev.twine.testing.fuzz;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The property every byte parser in Twine is fuzzed against (issue 18):
 * <ol>
 *   <li>no exception escapes the parser; documented protocol errors appear as messages (see
 *       {@link ParserTarget});</li>
 *   <li>memory stays bounded: after every chunk, while the connection is open, the parser holds at most
 *       the configured maximum;</li>
 *   <li>the same input split differently gives the same messages: whole, cut as the fuzzer chose
 *       ({@link Splits}), and one byte at a time.</li>
 * </ol>
 * A fuzz test is then one line:
 * <pre>{@code
 * @FuzzTest(maxDuration = "10s")
 * void lineReceiver(byte[] input) {
 *     ParserProperty.check(LineReceiverTarget::new, input, LineReceiverTarget.BOUND);
 * }
 * }</pre>
 * A violation throws {@link AssertionError} whose message shows the payload and the chunk sizes in hex, so
 * that a crash file Jazzer keeps can also be read by a person. Stateless and thread-safe.
 */
public final class ParserProperty {
    private ParserProperty() {
    }

    /**
     * Checks the property for one fuzzer input.
     *
     * @param fresh       makes a new parser instance for each feeding
     * @param input       the fuzzer's bytes, decoded by {@link Splits#decode}
     * @param maxBuffered the most bytes the parser may hold between chunks
     * @throws AssertionError if the property does not hold
     */
    public static <M> void check(Supplier<? extends ParserTarget<M>> fresh, byte[] input, long maxBuffered) {
        Splits splits = Splits.decode(input);
        List<M> whole = feed(fresh.get(), splits.whole(), maxBuffered, splits, "whole");
        List<M> cut = feed(fresh.get(), splits.chunks(), maxBuffered, splits, "cut");
        if (!Objects.equals(whole, cut)) {
            throw violation("split differently, the input gave different messages:\n  whole: " + whole
                    + "\n  cut:   " + cut, splits);
        }
        List<M> bytewise = feed(fresh.get(), splits.bytewise(), maxBuffered, splits, "bytewise");
        if (!Objects.equals(whole, bytewise)) {
            throw violation("fed one byte at a time, the input gave different messages:\n  whole:    " + whole
                    + "\n  bytewise: " + bytewise, splits);
        }
    }

    private static <M> List<M> feed(ParserTarget<M> target, List<byte[]> chunks, long maxBuffered, Splits splits,
            String how) {
        try (target) {
            return feedOpen(target, chunks, maxBuffered, splits, how);
        }
    }

    private static <M> List<M> feedOpen(ParserTarget<M> target, List<byte[]> chunks, long maxBuffered, Splits splits,
            String how) {
        for (byte[] chunk : chunks) {
            if (target.closed()) {
                break;
            }
            try {
                target.feed(chunk);
            } catch (RuntimeException e) {
                AssertionError error = violation("fed " + how + ", the parser threw " + e, splits);
                error.initCause(e);
                throw error;
            }
            long held = target.buffered();
            if (!target.closed() && held > maxBuffered) {
                throw violation("fed " + how + ", the parser holds " + held + " bytes, more than its bound of "
                        + maxBuffered, splits);
            }
        }
        return List.copyOf(target.messages());
    }

    private static AssertionError violation(String what, Splits splits) {
        return new AssertionError(what + "\n  payload (hex): " + HexFormat.of().formatHex(splits.payload())
                + "\n  chunk sizes: " + java.util.Arrays.toString(splits.sizes()));
    }
}
