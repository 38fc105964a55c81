package dev.twine.testing.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one fuzzer input into a payload and a way of cutting it into chunks, so that a fuzzer exploring
 * bytes explores chunk boundaries too.
 *
 * <p>The first byte gives the number {@code n} (0 to 15) of chunk-size bytes that follow; the rest is the
 * payload. The payload is cut into chunks of those sizes in turn (a size byte {@code b} means
 * {@code 1 + (b & 0xff)} bytes), repeating the sizes until the payload is used up; with {@code n = 0} it is
 * one chunk. Any byte array is a valid input.
 *
 * @param payload the bytes a connection would receive
 * @param sizes   the chunk sizes to cycle through (empty: one chunk)
 */
public record Splits(byte[] payload, int[] sizes) {
    /** The largest number of chunk-size bytes an input can carry. */
    public static final int MAX_SIZES = 15;

    /** Decodes {@code input} as described on the class. */
    public static Splits decode(byte[] input) {
        if (input.length == 0) {
            return new Splits(new byte[0], new int[0]);
        }
        int n = Math.min((input[0] & 0xff) % (MAX_SIZES + 1), input.length - 1);
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = 1 + (input[1 + i] & 0xff);
        }
        return new Splits(Arrays.copyOfRange(input, 1 + n, input.length), sizes);
    }

    /** The payload as one chunk. */
    public List<byte[]> whole() {
        return List.of(payload);
    }

    /** The payload cut by {@link #sizes()}. */
    public List<byte[]> chunks() {
        if (sizes.length == 0) {
            return whole();
        }
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < payload.length; i++) {
            int end = Math.min(payload.length, at + sizes[i % sizes.length]);
            out.add(Arrays.copyOfRange(payload, at, end));
            at = end;
        }
        return out;
    }

    /** The payload one byte per chunk: the harshest split. */
    public List<byte[]> bytewise() {
        List<byte[]> out = new ArrayList<>(payload.length);
        for (byte b : payload) {
            out.add(new byte[] {b});
        }
        return out;
    }
}
