package dev.twine.protocols.haproxy;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import dev.twine.protocols.policies.ProtocolWrapper;
import dev.twine.protocols.policies.WrappingFactory;
import java.util.Objects;

/**
 * Adds PROXY protocol support to every connection of a factory (Twisted's {@code HAProxyWrappingFactory},
 * semantics.md §3.18): each protocol is wrapped in a {@link HAProxyProtocolWrapper}.
 *
 * <p>Put it only where a trusted balancer connects: whoever connects may claim any address in the header.
 *
 * <p>Threading: as {@link WrappingFactory}, reactor thread only.
 */
public class HAProxyWrappingFactory extends WrappingFactory {

    public HAProxyWrappingFactory(IProtocolFactory wrappedFactory) {
        super(wrappedFactory);
    }

    /**
     * Wraps a listening endpoint so that its connections speak the PROXY protocol first (Twisted's
     * {@code proxyEndpoint}).
     */
    public static ProxyEndpoint proxyEndpoint(IStreamServerEndpoint wrappedEndpoint) {
        return new ProxyEndpoint(Objects.requireNonNull(wrappedEndpoint, "wrappedEndpoint"));
    }

    /**
     * A listening endpoint whose connections speak the PROXY protocol first (Twisted's
     * {@code _WrapperServerEndpoint} with this factory). Immutable.
     *
     * @param wrappedEndpoint the endpoint that listens
     */
    public record ProxyEndpoint(IStreamServerEndpoint wrappedEndpoint) implements IStreamServerEndpoint {
        @Override
        public Deferred<IListeningPort> listen(IProtocolFactory factory) {
            return wrappedEndpoint.listen(new HAProxyWrappingFactory(factory));
        }
    }

    @Override
    protected ProtocolWrapper wrapProtocol(IProtocol protocol) {
        return new HAProxyProtocolWrapper(this, Objects.requireNonNull(protocol, "protocol"));
    }

    /** The wrapped factory's prefix (or its class's simple name) and {@code " (PROXY)"}, as Twisted's. */
    @Override
    public String logPrefix() {
        return wrappedLogPrefix() + " (PROXY)";
    }
}
