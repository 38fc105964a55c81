package dev.twine.examples;

import dev.twine.internet.IReactorCore;
import dev.twine.internet.error.ReactorNotRunning;

/**
 * Stops a reactor from program logic that may run while it is already shutting down.
 *
 * <p>A client that stops when its last connection ends would otherwise fail during a signal-initiated
 * shutdown: the reactor disconnects every connection in its "during shutdown" phase, the connection's
 * end asks for {@code stop()} a second time, and Twisted's rule is that this raises
 * {@link ReactorNotRunning}.
 */
public final class Stopping {
    private Stopping() {
    }

    /** Calls {@code reactor.stop()} unless a stop is already under way. Reactor thread only. */
    public static void stop(IReactorCore reactor) {
        try {
            reactor.stop();
        } catch (ReactorNotRunning alreadyStopping) {
            // Already stopping: nothing more to do.
        }
    }
}
