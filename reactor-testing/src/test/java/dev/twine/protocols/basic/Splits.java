package dev.twine.protocols.basic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ways of cutting one input into chunks, to show that a framer delivers the same messages however the
 * network splits its input: in two at every byte position, and one byte at a time.
 */
final class Splits {
    private Splits() {
    }

    /** Every split of {@code input}: two chunks for each cut 0..length, then single bytes. */
    static List<List<byte[]>> of(byte[] input) {
        List<List<byte[]>> all = new ArrayList<>();
        for (int cut = 0; cut <= input.length; cut++) {
            all.add(List.of(Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length)));
        }
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < input.length; i++) {
            bytes.add(new byte[] {input[i]});
        }
        all.add(bytes);
        return all;
    }

    /** A readable name for a split in an assertion message. */
    static String describe(List<byte[]> chunks) {
        StringBuilder sb = new StringBuilder("chunk sizes");
        for (byte[] c : chunks) {
            sb.append(' ').append(c.length);
        }
        return sb.toString();
    }

    /** {@code parts} concatenated. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
