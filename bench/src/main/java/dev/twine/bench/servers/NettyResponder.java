package dev.twine.bench.servers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Netty's request/response handler for {@link Service#HTTP} and {@link Service#RESP}, the twin of
 * {@link TwineResponder}: the same {@link RequestScanner} fed with {@code ByteBuf.getByte}, every
 * reply of one read gathered into one pooled direct buffer, one flush per read burst
 * ({@code channelReadComplete}), which is how Netty's fastest plaintext servers are written.
 * One instance per channel (it holds the channel's scanner).
 */
public final class NettyResponder extends ChannelInboundHandlerAdapter {

    private final RequestScanner scanner;
    private final Service service;

    NettyResponder(Service service) {
        this.service = service;
        this.scanner = service.newScanner();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        ByteBuf out = null;
        try {
            for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
                int reply = scanner.step(in.getByte(i));
                if (reply != RequestScanner.NONE) {
                    byte[] bytes = service.reply(reply);
                    if (out == null) {
                        out = ctx.alloc().ioBuffer(bytes.length * 4);
                    }
                    out.writeBytes(bytes);
                }
            }
        } finally {
            in.release();
        }
        if (out != null) {
            ctx.write(out, ctx.voidPromise());
        }
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
