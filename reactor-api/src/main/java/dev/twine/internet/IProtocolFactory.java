package dev.twine.internet;

/** Makes protocols for connections (Twisted's {@code IProtocolFactory}, semantics.md §1.9). Reactor thread only. */
public interface IProtocolFactory {
    /**
     * @return a protocol for the connection with {@code addr}, or {@code null} to refuse it
     */
    IProtocol buildProtocol(IAddress addr);

    /** Reference-counted start: the first call starts the factory. */
    void doStart();

    /** Reference-counted stop: the call matching the first doStart stops the factory. */
    void doStop();
}
