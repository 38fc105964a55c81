package dev.twine.bench.servers;

import dev.twine.bench.Stack;

/**
 * A running benchmark server: one {@link Service} on one {@link Stack}, served by exactly one
 * event-loop thread (Twine's reactor, or a one-thread Netty group doing both accept and I/O), so
 * every stack gets the same single core when the scripts pin the process with {@code taskset}.
 *
 * <p>{@link #start} returns once the port is listening. {@link #close()} stops the loop and waits
 * for its thread, at most a few seconds; it may be called from any thread, once or more.
 */
public interface ServerHost extends AutoCloseable {

    /** How long {@link #close()} waits for the event loop to finish, in milliseconds. */
    long CLOSE_TIMEOUT_MILLIS = 10_000;

    /** The listening port (the real one when 0 was asked for). */
    int port();

    /** Connections accepted so far; readable from any thread. */
    int accepted();

    /**
     * The id of the one event-loop thread, for reading its allocation counter
     * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}) apart from the client's.
     */
    long eventLoopThreadId();

    /** Stops accepting, closes every connection and ends the event-loop thread. */
    @Override
    void close();

    /**
     * Starts {@code service} on {@code stack}, listening on {@code host:port} (port 0 picks one).
     *
     * @throws IllegalStateException if the stack cannot run here
     */
    static ServerHost start(Stack stack, Service service, String host, int port, int backlog) {
        return start(stack, service, host, port, backlog, 1, null);
    }

    /**
     * As {@link #start(Stack, Service, String, int, int)} with {@code threads} event loops: a Twine
     * {@code ReactorGroup} of that many members, or a Netty group of that many loops doing both accept and
     * I/O. With 1, exactly the one-thread server. {@link #eventLoopThreadId()} then names the first loop.
     */
    static ServerHost start(Stack stack, Service service, String host, int port, int backlog, int threads) {
        return start(stack, service, host, port, backlog, threads, null);
    }

    /**
     * {@link #start(Stack, Service, String, int, int)} over TLS with {@code tls} (plain TCP when
     * {@code null}): Twine's {@code listenSSL}, or Netty's {@code SslHandler}, both on the JDK provider.
     */
    static ServerHost start(Stack stack, Service service, String host, int port, int backlog, TlsFiles tls) {
        return start(stack, service, host, port, backlog, 1, tls);
    }

    /**
     * {@code threads} event loops, over TLS when {@code tls} is not {@code null}. A Twine group does not
     * serve TLS yet ({@code ReactorGroup} has no {@code listenSSL}), so TLS with more than one Twine reactor
     * is refused.
     */
    static ServerHost start(Stack stack, Service service, String host, int port, int backlog, int threads,
            TlsFiles tls) {
        Stack.unavailabilityReason(stack.name()).ifPresent(why -> {
            throw new IllegalStateException(stack + " cannot run here: " + why);
        });
        if (threads < 1) {
            throw new IllegalArgumentException("--reactors must be at least 1, got " + threads);
        }
        if (service == Service.UDP_ECHO) {
            if (threads != 1 || tls != null) {
                throw new IllegalArgumentException("udp-echo runs on one event loop without TLS");
            }
            return stack.isNetty() ? NettyUdpEchoHost.start(stack, host, port) : TwineUdpEchoHost.start(stack, host, port);
        }
        if (stack.isNetty()) {
            return NettyServerHost.start(stack, service, host, port, backlog, threads, tls);
        }
        if (threads == 1) {
            return TwineServerHost.start(stack, service, host, port, backlog, tls);
        }
        if (tls != null) {
            throw new IllegalArgumentException("TLS on a Twine ReactorGroup (--reactors > 1) is not supported yet");
        }
        return TwineGroupServerHost.start(stack, service, host, port, backlog, threads);
    }
}
