package dev.twine.testing.fuzz;

import dev.twine.internet.Factory;
import dev.twine.protocols.haproxy.HAProxyProtocolWrapper;
import dev.twine.protocols.haproxy.HAProxyWrappingFactory;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.StringTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The PROXY header wrapper ({@link HAProxyProtocolWrapper}) as a fuzz target. Messages: {@code PEER:<peer>}
 * and {@code HOST:<host>} once the header is read, then {@code DATA:<bytes>} with every byte the wrapped
 * protocol got, as one message (however the chunks fell); a refused header closes the connection, and the
 * property stops feeding.
 */
final class HAProxyTarget implements ParserTarget<String> {
    /** The longest header: version 2's fixed 16 bytes and a 16-bit length. */
    static final long BOUND = 16 + 0xffff;

    private final StringTransport transport = new StringTransport();
    private final AccumulatingProtocol inner = new AccumulatingProtocol();
    private final HAProxyProtocolWrapper wrapper;

    HAProxyTarget() {
        wrapper = (HAProxyProtocolWrapper) new HAProxyWrappingFactory(Factory.forProtocol(() -> inner))
                .buildProtocol(StringTransport.DEFAULT_PEER);
        wrapper.makeConnection(transport);
    }

    @Override
    public void feed(byte[] chunk) {
        wrapper.dataReceived(ByteBuffer.wrap(chunk));
    }

    @Override
    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        if (wrapper.proxyInfo() != null) {
            messages.add("PEER:" + inner.transport.getPeer());
            messages.add("HOST:" + inner.transport.getHost());
        }
        String data = inner.dataAsString();
        if (!data.isEmpty()) {
            messages.add("DATA:" + data);
        }
        return messages;
    }

    @Override
    public long buffered() {
        return wrapper.buffered();
    }

    @Override
    public boolean closed() {
        return transport.isDisconnecting();
    }
}
