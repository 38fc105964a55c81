package dev.twine.testing;

import dev.twine.internet.IPushProducer;

/**
 * A push producer that produces nothing and ignores every request, for the transport tests that only
 * care whether a producer is registered (registration rules, a close waiting for unregistration).
 * Stateless, so one instance serves every test.
 */
final class IdleProducer implements IPushProducer {
    /** The one instance. */
    static final IdleProducer INSTANCE = new IdleProducer();

    private IdleProducer() {
    }

    @Override
    public void pauseProducing() {
    }

    @Override
    public void resumeProducing() {
    }

    @Override
    public void stopProducing() {
    }
}
