package dev.twine.bench.servers;

import dev.twine.testing.StringTransport;
import dev.twine.testing.fuzz.ParserTarget;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A bench server's protocol ({@link TwineResponder} with the HTTP or RESP scanner) as a fuzz target. The
 * message is everything it wrote: the replies, in order. The scanners keep counters, never bytes, so the
 * bound is zero.
 */
final class ResponderTarget implements ParserTarget<String> {
    private final StringTransport transport = new StringTransport();
    private final TwineResponder responder;

    ResponderTarget(Service service) {
        responder = new TwineResponder(service.newScanner(), TwineResponder.replyBuffers(service));
        responder.makeConnection(transport);
    }

    @Override
    public void feed(byte[] chunk) {
        // As the reactor does: a read-only view, valid during the call only.
        responder.dataReceived(ByteBuffer.wrap(chunk).asReadOnlyBuffer());
    }

    @Override
    public List<String> messages() {
        return List.of(transport.valueAsString());
    }

    @Override
    public long buffered() {
        return 0;
    }

    @Override
    public boolean closed() {
        return transport.isDisconnecting();
    }
}
