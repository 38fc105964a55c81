package dev.twine.bench.servers;

import dev.twine.internet.Protocol;
import java.nio.ByteBuffer;

/**
 * Twine's echo protocol written for speed the way Twine intends: it takes the zero-copy
 * {@code dataReceived(ByteBuffer)} view and hands it straight to {@code transport.write}, which
 * copies it into the connection's write buffer. No {@code byte[]} is made per read.
 */
public final class TwineEcho extends Protocol {

    @Override
    public void connectionMade() {
        // Without TCP_NODELAY a large echo written in pieces waits for the peer's delayed ACK (40 ms
        // on Linux) before the second piece leaves; Netty's server channels default to it too.
        tcpTransport().setTcpNoDelay(true);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        transport.write(data);
    }
}
