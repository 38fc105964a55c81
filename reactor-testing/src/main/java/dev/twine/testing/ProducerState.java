package dev.twine.testing;

/**
 * What a protocol last asked of its transport as a producer (Twisted's {@code StringTransport.producerState},
 * whose values are the strings {@code "producing"}, {@code "paused"} and {@code "stopped"}).
 *
 * <p>{@link #STOPPED} is final: Twisted's transport refuses to pause or resume a stopped producer, and so
 * does {@link StringTransport}.
 */
public enum ProducerState {
    /** Reading (the initial state, and after {@code resumeProducing}). */
    PRODUCING,
    /** {@code pauseProducing} was called. */
    PAUSED,
    /** {@code stopProducing} was called; nothing changes it afterwards. */
    STOPPED
}
