package dev.twine.protocols.policies;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A factory that wraps every protocol of another factory in a {@link ProtocolWrapper} (Twisted's
 * {@code twisted.protocols.policies.WrappingFactory}, semantics.md §3.5); the base of
 * {@link TimeoutFactory} and {@link ThrottlingFactory}. It works for servers and clients.
 *
 * <ul>
 *   <li>{@link #buildProtocol} asks the wrapped factory first; if it refuses (null), so does this one.
 *       Otherwise {@link #wrapProtocol} wraps the result.</li>
 *   <li>Starting this factory starts the wrapped one, and stopping it stops the wrapped one.</li>
 *   <li>Client callbacks ({@code startedConnecting}, {@code clientConnectionFailed},
 *       {@code clientConnectionLost}) are passed on when the wrapped factory is a {@link ClientFactory}.</li>
 *   <li>{@link #protocols()} holds the wrappers whose connection is up, in connection order.</li>
 * </ul>
 *
 * <p>Threading: reactor thread only.
 */
public class WrappingFactory extends ClientFactory {
    /** The factory whose protocols are wrapped. */
    public final IProtocolFactory wrappedFactory;
    private final Set<ProtocolWrapper> protocols = new LinkedHashSet<>();

    public WrappingFactory(IProtocolFactory wrappedFactory) {
        this.wrappedFactory = Objects.requireNonNull(wrappedFactory, "wrappedFactory");
    }

    /** The wrapper for {@code protocol}; subclasses return their own kind. */
    protected ProtocolWrapper wrapProtocol(IProtocol protocol) {
        return new ProtocolWrapper(this, protocol);
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        IProtocol wrapped = wrappedFactory.buildProtocol(addr);
        return wrapped == null ? null : wrapProtocol(wrapped);
    }

    @Override
    public void startFactory() {
        wrappedFactory.doStart();
    }

    @Override
    public void stopFactory() {
        wrappedFactory.doStop();
    }

    @Override
    public void startedConnecting(IConnector connector) {
        if (wrappedFactory instanceof ClientFactory c) {
            c.startedConnecting(connector);
        }
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory c) {
            c.clientConnectionFailed(connector, reason);
        }
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory c) {
            c.clientConnectionLost(connector, reason);
        }
    }

    /** Called by a wrapper when its connection is made. */
    public void registerProtocol(ProtocolWrapper p) {
        protocols.add(p);
    }

    /** Called by a wrapper when its connection is lost. */
    public void unregisterProtocol(ProtocolWrapper p) {
        protocols.remove(p);
    }

    /** The wrappers of the connections that are up, in the order they connected (unmodifiable view). */
    public Set<ProtocolWrapper> protocols() {
        return Collections.unmodifiableSet(protocols);
    }

    @Override
    public String logPrefix() {
        return wrappedFactory instanceof ILoggingContext l ? l.logPrefix() + " (WrappingFactory)" : getClass().getName();
    }

    /**
     * The wrapped factory's log prefix, or its class's simple name when it has none: what Twisted's
     * {@code TLSMemoryBIOFactory} and {@code HAProxyWrappingFactory} put before their own tag.
     */
    protected String wrappedLogPrefix() {
        return wrappedFactory instanceof ILoggingContext l ? l.logPrefix() : wrappedFactory.getClass().getSimpleName();
    }
}
