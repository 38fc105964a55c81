package dev.twine.bench.jmh;

import dev.twine.bench.Stack;

/**
 * The check every benchmark's trial setup makes before touching a stack. The suite leaves
 * unavailable stacks out before JMH forks; this catches a stack named by hand on JMH's command line
 * ({@code -p stack=...}) and fails that one benchmark with the stack's own reason, which JMH
 * reports and then moves on to the next.
 */
final class Availability {

    private Availability() {
    }

    /** @throws IllegalStateException with the reason when {@code stack} cannot run here */
    static Stack require(String stack) {
        Stack.unavailabilityReason(stack).ifPresent(why -> {
            throw new IllegalStateException("skipping " + stack + ": " + why);
        });
        return Stack.of(stack);
    }
}
