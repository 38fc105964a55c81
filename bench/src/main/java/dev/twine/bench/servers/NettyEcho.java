package dev.twine.bench.servers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Netty's echo handler as Netty's own example writes it: the received buffer goes back out
 * unchanged (no copy), and the flush waits for {@code channelReadComplete} so one read burst
 * costs one {@code write} system call. Stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
public final class NettyEcho extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
