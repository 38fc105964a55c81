package dev.twine.bench.servers;

import dev.twine.bench.Stack;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * {@link Service#UDP_ECHO} on Netty: one datagram channel on a one-thread group, every datagram written
 * back to its sender and flushed once per read batch. On {@code netty-epoll} the channel is an
 * {@code EpollDatagramChannel} with {@code MAX_DATAGRAM_PAYLOAD_SIZE} set, which makes Netty read with
 * {@code recvmmsg(2)} (several datagrams per system call) into a receive buffer sized for
 * {@value #BATCH} of them; that is the strongest Netty configuration for small datagrams. On
 * {@code netty-nio} it is a plain {@code NioDatagramChannel}. {@link #accepted()} is always 0.
 */
final class NettyUdpEchoHost implements ServerHost {

    /** The largest datagram read, in bytes; the bench sends 64. */
    private static final int MAX_DATAGRAM = 2048;
    /** Datagrams one recvmmsg call may return: the receive buffer holds this many of {@link #MAX_DATAGRAM}. */
    private static final int BATCH = 16;

    /** Echoes each datagram; stateless, so one instance serves the channel. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket packet = (DatagramPacket) msg;
            // The packet's content is handed on to the outbound packet, which releases it once written.
            ctx.write(new DatagramPacket(packet.content(), packet.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final long eventLoopThreadId;

    private NettyUdpEchoHost(EventLoopGroup group, Channel channel, long eventLoopThreadId) {
        this.group = group;
        this.channel = channel;
        this.eventLoopThreadId = eventLoopThreadId;
    }

    static ServerHost start(Stack stack, String host, int port) {
        EventLoopGroup group = stack.newNettyGroup(1);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).handler(new Echo());
            if (Stack.NETTY_EPOLL.equals(stack.name())) {
                bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH));
            } else {
                bootstrap.channel(NioDatagramChannel.class)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
            }
            Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            long threadId = channel.eventLoop().submit(() -> Thread.currentThread().getId())
                    .syncUninterruptibly().getNow();
            return new NettyUdpEchoHost(group, channel, threadId);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public int accepted() {
        return 0;
    }

    @Override
    public long eventLoopThreadId() {
        return eventLoopThreadId;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
    }
}
