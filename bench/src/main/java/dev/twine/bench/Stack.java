package dev.twine.bench;

import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One networking stack a benchmark or server can run on: a Twine backend by its registered name
 * ({@code select}, {@code epoll}, ...) or one of Netty's transports ({@code netty-epoll},
 * {@code netty-nio}).
 *
 * <p>Benchmarks take the stack as a JMH {@code @Param} string and call {@link #of(String)} in
 * their setup; {@link #unavailabilityReason(String)} lets the suite leave out stacks this machine
 * cannot run before JMH ever forks, so a missing backend is a stated skip rather than a failed
 * benchmark. Thread-safe and stateless.
 */
public record Stack(String name) {

    /** Netty's native epoll transport (JNI), the reference every ratio is taken against. */
    public static final String NETTY_EPOLL = "netty-epoll";
    /** Netty's {@code java.nio} transport, the natural peer of Twine's {@code select} backend. */
    public static final String NETTY_NIO = "netty-nio";

    /** The stack called {@code name}; {@link #unavailabilityReason} says whether it can run. */
    public static Stack of(String name) {
        return new Stack(name);
    }

    /** True for Netty's transports, false for Twine backends. */
    public boolean isNetty() {
        return name.startsWith("netty-");
    }

    /**
     * Empty when {@code name} can run on this machine, else a sentence saying why not (the Twine
     * backend's own reason, or Netty's {@code Epoll.unavailabilityCause()}).
     */
    public static Optional<String> unavailabilityReason(String name) {
        switch (name) {
            case NETTY_NIO:
                return Optional.empty();
            case NETTY_EPOLL:
                return Epoll.isAvailable() ? Optional.empty()
                        : Optional.of("Netty epoll: " + Epoll.unavailabilityCause());
            default:
                for (ReactorBackend b : Reactors.registeredBackends()) {
                    if (b.name().equals(name)) {
                        return b.unavailabilityReason();
                    }
                }
                return Optional.of("no Twine backend called " + name + " on the class path");
        }
    }

    /** The names among {@code names} that can run here, in the given order. */
    public static List<String> available(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (unavailabilityReason(n).isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A new Twine reactor on this backend.
     *
     * @throws IllegalStateException if this is a Netty stack or the backend is unavailable
     */
    public IReactor newReactor() {
        if (isNetty()) {
            throw new IllegalStateException(name + " is a Netty stack, not a Twine backend");
        }
        return Reactors.newReactor(name);
    }

    /** A single-threaded Netty event loop group of this transport. */
    public EventLoopGroup newNettyGroup() {
        return newNettyGroup(1);
    }

    /** A Netty group of {@code threads} event loops (the group-scaling comparison's counterpart). */
    public EventLoopGroup newNettyGroup(int threads) {
        switch (name) {
            case NETTY_EPOLL:
                return new EpollEventLoopGroup(threads);
            case NETTY_NIO:
                return new NioEventLoopGroup(threads);
            default:
                throw new IllegalStateException(name + " is not a Netty stack");
        }
    }

    /** The server channel class that goes with {@link #newNettyGroup()}. */
    public Class<? extends ServerChannel> nettyServerChannel() {
        return NETTY_EPOLL.equals(name) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    public String toString() {
        return name;
    }
}
