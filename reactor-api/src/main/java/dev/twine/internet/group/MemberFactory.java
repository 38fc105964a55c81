package dev.twine.internet.group;

import dev.twine.internet.IAddress;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;

/**
 * The factory a member's {@code Port} is given: builds protocols with the member's real factory, and leaves
 * {@code doStart}/{@code doStop} to the {@link GroupPort}, which counts them per group port rather than per
 * member socket (semantics.md §5.3). Reactor thread of its member only.
 */
final class MemberFactory implements IProtocolFactory, ILoggingContext {
    private final IProtocolFactory real;
    /** Told when the member's port closed (its {@code doStop}), by stopListening or by reactor shutdown. */
    private final Runnable onPortClosed;

    MemberFactory(IProtocolFactory real, Runnable onPortClosed) {
        this.real = real;
        this.onPortClosed = onPortClosed;
    }

    IProtocolFactory real() {
        return real;
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        return real.buildProtocol(addr);
    }

    @Override
    public void doStart() {
        // The group port starts the real factory.
    }

    @Override
    public void doStop() {
        // The group port stops the real factory, counting per group port.
        onPortClosed.run();
    }

    @Override
    public String logPrefix() {
        return real instanceof ILoggingContext ctx ? ctx.logPrefix() : real.getClass().getName();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
