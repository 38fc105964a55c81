package dev.twine.protocols.tls;

import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.protocols.policies.ProtocolWrapper;
import dev.twine.protocols.policies.WrappingFactory;
import java.util.Objects;

/**
 * Wraps another factory's protocols in TLS (Twisted's {@code twisted.protocols.tls.TLSMemoryBIOFactory},
 * semantics.md §4.10): {@code listenTCP(port, new TLSMemoryBIOFactory(serverOptions, false, factory))}
 * serves what {@code listenSSL(port, factory, serverOptions)} serves, and the same wrapping gives TLS to
 * every listen or connect call that takes a factory: a {@code ReactorGroup} port
 * ({@code ReactorGroup.listenSSL} is this wrapping), a UNIX socket, a {@code connectTCP}.
 *
 * <p>Each connection's protocol is a {@link TLSMemoryBIOProtocol}: when the connection is made it starts
 * TLS on the transport in the role {@code isClient} names (not the connection's own side: an accepted
 * connection may act as the TLS client), then makes the wrapped protocol's connection with itself as the
 * transport, so the wrapped protocol's {@code connectionMade} runs before the handshake, exactly as under
 * {@code listenSSL}, and it can read the peer's certificate through {@code ISSLTransport}.
 *
 * <p>Order: this factory must be the outermost wrapper, directly on the reactor's transport, because TLS
 * runs inside that transport. {@code new TLSMemoryBIOFactory(ctx, false, new TimeoutFactory(...))} works;
 * the reverse nesting gives {@code TLSMemoryBIOProtocol} another wrapper as its transport, where the outer
 * wrapper would see plaintext instead of Twisted's TLS records, so each such connection is closed and
 * logged, naming the cause.
 *
 * <p>Threading: as {@link WrappingFactory}, reactor thread only. The context factory is called on the
 * reactor thread of each connection; one shared by several reactors (a group) must be thread-safe, as
 * {@code CertificateOptions} and {@code ClientTLSOptions} are.
 */
public class TLSMemoryBIOFactory extends WrappingFactory {
    private final IContextFactory contextFactory;
    private final boolean isClient;

    /**
     * @param contextFactory the source of each connection's engine (for a server, with its certificate)
     * @param isClient       true if this side sends the ClientHello, whatever side made the connection
     * @param wrappedFactory the factory whose protocols see plaintext
     */
    public TLSMemoryBIOFactory(IContextFactory contextFactory, boolean isClient, IProtocolFactory wrappedFactory) {
        super(wrappedFactory);
        this.contextFactory = new RoleContextFactory(contextFactory, isClient);
        this.isClient = isClient;
    }

    /** True if this factory's connections act as the TLS client (Twisted's {@code _isClient}). */
    public boolean isClient() {
        return isClient;
    }

    /** The context factory, with the role fixed to {@link #isClient()}. */
    IContextFactory contextFactory() {
        return contextFactory;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(IProtocol protocol) {
        return new TLSMemoryBIOProtocol(this, Objects.requireNonNull(protocol, "protocol"));
    }

    /**
     * The wrapped factory's prefix (or, if it has none, its class's simple name) and {@code " (TLS)"}, as
     * Twisted's {@code TLSMemoryBIOFactory.logPrefix} ({@code test_logPrefix}, {@code test_logPrefixFallback}).
     */
    @Override
    public String logPrefix() {
        return wrappedLogPrefix() + " (TLS)";
    }
}
