package dev.twine.defer;

import java.util.List;

/**
 * Every input of {@link Deferred#race} failed (Twisted's {@code defer.FailureGroup}, semantics.md §1.11). The failures
 * are in input order; each one's exception is also attached as a suppressed exception so that a logged
 * {@code FailureGroup} shows them all.
 */
public class FailureGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Failure> failures;

    /** Wraps {@code failures}, in input order. */
    public FailureGroup(List<Failure> failures) {
        super(failures.size() + " failure(s)");
        this.failures = List.copyOf(failures);
        for (Failure f : this.failures) {
            addSuppressed(f.value());
        }
    }

    /** The failures, in input order. */
    public List<Failure> failures() {
        return failures;
    }
}
