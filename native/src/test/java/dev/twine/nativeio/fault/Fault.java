package dev.twine.nativeio.fault;

/**
 * A failure a {@link FaultPlan} can inject. All but {@link #SHORT_IO} make the call return the
 * errno of the same name without reaching the kernel; {@link #SHORT_IO} makes the real call with a
 * smaller length, so it transfers fewer bytes than asked, as a busy socket does.
 */
public enum Fault {
    /** "Would block": the reactor must wait for readiness again. */
    EAGAIN,
    /** Interrupted by a signal: the binding wrapper must retry (or, for connect, treat it as in progress). */
    EINTR,
    /** A partial read or write: the caller must keep its place and continue. */
    SHORT_IO,
    /** The peer reset the connection. */
    ECONNRESET,
    /** Writing to a connection whose peer is gone. */
    EPIPE,
    /** The process is out of descriptors. */
    EMFILE
}
