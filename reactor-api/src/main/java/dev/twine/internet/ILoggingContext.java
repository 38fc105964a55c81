package dev.twine.internet;

/** Something that names itself in log lines (Twisted's {@code ILoggingContext}). */
public interface ILoggingContext {
    /** The prefix for log lines about this object, e.g. the protocol class name. */
    String logPrefix();
}
