package dev.twine.bench.servers;

import dev.twine.bench.Stack;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServerHost} on Netty: one event loop group serves as both boss and worker, with one thread
 * matching Twine's one reactor thread, or N matching a {@code ReactorGroup} of N. {@code TCP_NODELAY} on, Netty's default pooled
 * allocator.
 */
final class NettyServerHost implements ServerHost {

    private final EventLoopGroup group;
    private final Channel server;
    private final AtomicInteger accepted;
    private final long eventLoopThreadId;

    private NettyServerHost(EventLoopGroup group, Channel server, AtomicInteger accepted, long eventLoopThreadId) {
        this.group = group;
        this.server = server;
        this.accepted = accepted;
        this.eventLoopThreadId = eventLoopThreadId;
    }

    static ServerHost start(Stack stack, Service service, String host, int port, int backlog, int threads,
            TlsFiles tls) {
        io.netty.handler.ssl.SslContext ssl = tls == null ? null : sslContext(tls);
        EventLoopGroup group = stack.newNettyGroup(threads);
        AtomicInteger accepted = new AtomicInteger();
        NettyEcho echo = new NettyEcho();
        try {
            Channel server = new ServerBootstrap()
                    .group(group, group)
                    .channel(stack.nettyServerChannel())
                    .option(ChannelOption.SO_BACKLOG, backlog)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.incrementAndGet();
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(service == Service.ECHO ? echo : new NettyResponder(service));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            // The server channel's loop (the only one with one thread) names its thread for good.
            long threadId = server.eventLoop().submit(() -> Thread.currentThread().getId())
                    .syncUninterruptibly().getNow();
            return new NettyServerHost(group, server, accepted, threadId);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Netty's {@code SslHandler} on the JDK's provider (or on BoringSSL when {@link TlsFiles#openssl()}),
     * TLS 1.3 and 1.2 as Twine's defaults.
     */
    private static io.netty.handler.ssl.SslContext sslContext(TlsFiles tls) {
        try {
            return io.netty.handler.ssl.SslContextBuilder.forServer(tls.chain().toFile(), tls.key().toFile())
                    .sslProvider(tls.openssl() ? io.netty.handler.ssl.SslProvider.OPENSSL : io.netty.handler.ssl.SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("cannot load " + tls + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public int accepted() {
        return accepted.get();
    }

    @Override
    public long eventLoopThreadId() {
        return eventLoopThreadId;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
    }
}
