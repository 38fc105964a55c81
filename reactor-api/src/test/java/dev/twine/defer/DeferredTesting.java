package dev.twine.defer;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trial's {@code successResultOf}, {@code failureResultOf} and {@code assertNoResult} for Deferreds: they
 * look at a Deferred's current result synchronously by adding a callback, as Twisted's do.
 */
public final class DeferredTesting {
    private DeferredTesting() {
    }

    /**
     * The Deferred's success result; fails the test if it has none yet or has failed. Like trial's, this
     * consumes the result: the Deferred continues with {@code null}.
     */
    @SuppressWarnings("unchecked")
    public static <T> T successResultOf(Deferred<T> d) {
        List<Object> results = capture(d);
        if (results.isEmpty()) {
            fail("Success result expected on " + d + ", found no result instead");
        }
        Object r = results.get(0);
        if (r instanceof Failure) {
            fail("Success result expected on " + d + ", found failure result instead: "
                    + ((Failure) r).getTraceback());
        }
        return (T) r;
    }

    /**
     * The Deferred's failure; fails the test if it has no result yet, has succeeded, or (when types are
     * given) failed with an exception of none of {@code expected}. Consumes the failure.
     */
    public static Failure failureResultOf(Deferred<?> d, Class<?>... expected) {
        List<Object> results = capture(d);
        if (results.isEmpty()) {
            fail("Failure result expected on " + d + ", found no result instead");
        }
        Object r = results.get(0);
        if (!(r instanceof Failure)) {
            fail("Failure result expected on " + d + ", found success result (" + r + ") instead");
        }
        Failure f = (Failure) r;
        if (expected.length > 0 && Arrays.stream(expected).noneMatch(t -> t.isInstance(f.value()))) {
            fail("Failure of type " + Arrays.toString(expected) + " expected on " + d + ", found "
                    + f.getTraceback());
        }
        return f;
    }

    /** Fails the test if the Deferred has a result; leaves the Deferred unchanged. */
    public static void assertNoResult(Deferred<?> d) {
        List<Object> results = new ArrayList<>();
        d.addBoth(r -> {
            results.add(r);
            return r;
        });
        if (!results.isEmpty()) {
            Object r = results.get(0);
            if (r instanceof Failure) {
                // Do not leave an unhandled failure behind on top of the test failure.
                d.addErrback(ignored -> null);
            }
            fail("No result expected on " + d + ", found " + r + " instead");
        }
    }

    private static List<Object> capture(Deferred<?> d) {
        List<Object> results = new ArrayList<>();
        d.addBoth(r -> {
            results.add(r);
            return null;
        });
        return results;
    }
}
