package dev.twine.backend.select;

import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SocketProvider;
import java.io.IOException;
import java.util.Optional;

/**
 * The {@code select} backend: {@link java.nio.channels.Selector} plus NIO socket channels. Always available;
 * priority 0, so any native poller the OS has is preferred when the user names none. Stateless.
 */
public final class SelectBackend implements ReactorBackend<NioHandle> {
    private static final NioSocketProvider SOCKETS = new NioSocketProvider();

    @Override
    public String name() {
        return "select";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return Optional.empty();
    }

    @Override
    public Class<NioHandle> handleType() {
        return NioHandle.class;
    }

    @Override
    public Poller<NioHandle> openPoller() throws IOException {
        return new SelectorPoller();
    }

    @Override
    public SocketProvider sockets() {
        return SOCKETS;
    }
}
