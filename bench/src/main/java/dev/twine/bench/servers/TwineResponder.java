package dev.twine.bench.servers;

import dev.twine.internet.Protocol;
import java.nio.ByteBuffer;

/**
 * Twine's request/response protocol for {@link Service#HTTP} and {@link Service#RESP}: scans each
 * read with the service's {@link RequestScanner} and writes one reply per completed request, in
 * order, so pipelined requests are answered in order. Reads through the zero-copy
 * {@code dataReceived(ByteBuffer)} view; replies are copied into the transport's buffer by
 * {@code write(ByteBuffer)}, which leaves the shared reply buffers' positions alone.
 */
public final class TwineResponder extends Protocol {

    private final RequestScanner scanner;
    private final ByteBuffer[] replies;

    /**
     * @param replies read-only reply buffers indexed as {@link RequestScanner#step} returns them,
     *                shared by the connections of one reactor thread
     */
    TwineResponder(RequestScanner scanner, ByteBuffer[] replies) {
        this.scanner = scanner;
        this.replies = replies;
    }

    @Override
    public void connectionMade() {
        tcpTransport().setTcpNoDelay(true);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        for (int i = data.position(), end = data.limit(); i < end; i++) {
            int reply = scanner.step(data.get(i));
            if (reply != RequestScanner.NONE) {
                transport.write(replies[reply]);
            }
        }
    }

    /** The replies of {@code service} as read-only heap buffers, index 0 unused. */
    static ByteBuffer[] replyBuffers(Service service) {
        ByteBuffer[] out = new ByteBuffer[service.replyCount() + 1];
        for (int i = 1; i < out.length; i++) {
            out[i] = ByteBuffer.wrap(service.reply(i)).asReadOnlyBuffer();
        }
        return out;
    }
}
