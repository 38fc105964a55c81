package dev.twine.examples;

import java.time.Duration;

/** Formats a duration as Python's {@code str(timedelta)} does in the tutorials, always with microseconds. */
public final class Elapsed {
    private Elapsed() {
    }

    /** {@code H:MM:SS.ffffff}, e.g. {@code 0:00:10.134220}; hours are not padded and may exceed 23. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long micros = d.toNanos() / 1_000;
        long seconds = micros / 1_000_000;
        return String.format("%d:%02d:%02d.%06d", seconds / 3600, (seconds / 60) % 60, seconds % 60, micros % 1_000_000);
    }
}
