package dev.twine.application;

import java.util.Map;

/**
 * A service whose state outlives the process (Twine's counterpart of Twisted's pickled application,
 * {@code twisted.persisted.sob}): its {@link Application} saves the state when the reactor shuts down
 * and gives it back when the program starts again.
 *
 * <p>State is a flat map of strings, so the saved file stays readable and survives changes to the
 * classes (a pickle does not). Keys are the service's own; the application stores them under the
 * service's name, so the service must be named and the name must not change between runs.
 *
 * <p>Threading: both methods are called on the reactor thread, or on the main thread before it runs.
 */
public interface IPersistable extends IService {

    /** A snapshot of the state to save; called once per save. */
    Map<String, String> saveState();

    /**
     * Restores state saved by an earlier run; called before the service starts, and only if saved state
     * exists for it.
     *
     * @throws IllegalArgumentException if the state is not valid for this service
     */
    void restoreState(Map<String, String> state);
}
