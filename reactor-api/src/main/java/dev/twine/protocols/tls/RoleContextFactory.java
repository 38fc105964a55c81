package dev.twine.protocols.tls;

import dev.twine.internet.ssl.IContextFactory;
import java.util.Objects;
import javax.net.ssl.SSLEngine;

/**
 * An {@link IContextFactory} whose engines take the role {@link TLSMemoryBIOFactory} was given, whatever
 * role the transport asks for. The transport asks for its own side (a {@code connectTCP} connection is the
 * client), but Twisted's {@code TLSMemoryBIOFactory(contextFactory, isClient, wrappedFactory)} lets the
 * caller choose, for example an accepted connection that acts as the TLS client. Fixing the role here
 * keeps that choice out of the transport's {@code startTLS}, whose {@code normal} argument is relative to
 * the connection's side, which a wrapper cannot see.
 *
 * <p>Immutable; as thread-safe as the factory it delegates to.
 */
record RoleContextFactory(IContextFactory delegate, boolean client) implements IContextFactory {
    RoleContextFactory {
        Objects.requireNonNull(delegate, "contextFactory");
    }

    @Override
    public SSLEngine createEngine(boolean transportsRole, String peerHost, int peerPort) {
        return delegate.createEngine(client, peerHost, peerPort);
    }

    @Override
    public double handshakeTimeout() {
        return delegate.handshakeTimeout();
    }
}
