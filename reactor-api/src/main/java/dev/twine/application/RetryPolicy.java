package dev.twine.application;

import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * How long {@link ClientService} waits before its next connection attempt (Twisted's {@code retryPolicy}
 * callable, semantics.md §3.16): given the number of attempts that have failed in a row (1 after the first
 * failure), the delay in seconds, a finite number 0 or more.
 */
@FunctionalInterface
public interface RetryPolicy {
    /** Seconds to wait after {@code failedAttempts} consecutive failures (1 or more). */
    double delay(int failedAttempts);

    /**
     * Twisted's {@code backoffPolicy()} with its defaults: initial delay 1 s, at most 60 s, factor 1.5, and
     * a jitter of up to one second from a fresh {@link Random}.
     */
    static RetryPolicy backoffPolicy() {
        Random random = new Random();
        return backoffPolicy(1.0, 60.0, 1.5, random::nextDouble);
    }

    /**
     * Twisted's {@code backoffPolicy(initialDelay, maxDelay, factor, jitter)}: for attempt {@code n},
     * {@code min(initialDelay * factor^min(100, n), maxDelay) + jitter()}. The cap applies before the jitter,
     * so the longest wait is {@code maxDelay} plus the largest jitter. With the defaults the first retry
     * comes after 1.5 s plus jitter, then 2.25 s, 3.375 s, ... up to 60 s.
     *
     * @param jitter called once per delay; Twisted's default is {@code random.random}, 0 to 1
     * @throws IllegalArgumentException for a negative or non-finite delay or factor
     */
    static RetryPolicy backoffPolicy(double initialDelay, double maxDelay, double factor, DoubleSupplier jitter) {
        requireFiniteNonNegative("initialDelay", initialDelay);
        requireFiniteNonNegative("maxDelay", maxDelay);
        requireFiniteNonNegative("factor", factor);
        java.util.Objects.requireNonNull(jitter, "jitter");
        return failedAttempts -> {
            // Math.pow overflows to infinity rather than throwing, so min() gives Twisted's OverflowError
            // fallback (maxDelay) without a special case.
            double delay = Math.min(initialDelay * Math.pow(factor, Math.min(100, failedAttempts)), maxDelay);
            return delay + jitter.getAsDouble();
        };
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
