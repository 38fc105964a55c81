package dev.twine.internet.udp;

/** Where a UDP {@link Port} is in its life. */
enum PortState {
    /** Not bound: before {@link Port#startListening()}, and again after the close completed. */
    NOT_LISTENING,
    /** Bound and reading. */
    LISTENING,
    /** {@code stopListening} was called: not reading, the close runs on a later iteration. */
    CLOSING
}
