package dev.twine.backend.kqueue;

import dev.twine.nativeio.bsd.KqueueConfig;
import org.junit.jupiter.api.Assumptions;

/**
 * {@link KqueuePoller} on the kqueue the environment configures: the C library's own on macOS and
 * FreeBSD, or on any system the library named by {@code twine.kqueue.library} in the ABI named by
 * {@code twine.kqueue.abi} (libkqueue, for instance). Skipped, with the reason, where there is none.
 */
class ConfiguredKqueuePollerTest extends KqueuePollerContract {
    @Override
    KqueueConfig config() {
        try {
            return KqueueConfig.fromEnvironment();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }
}
