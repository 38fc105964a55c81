package dev.twine.examples.poetry;

import dev.twine.defer.Failure;
import dev.twine.examples.HostPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.error.ConnectionDone;
import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives one poem (the tutorial's {@code PoetryProtocol}): it collects every chunk and, when the
 * server closes, hands over the whole poem. A connection that ends uncleanly (a reset) hands over its
 * failure instead, since the poem may be cut short.
 *
 * <p>Threading: reactor thread only.
 */
final class PoetryClientProtocol extends Protocol {
    private final ByteArrayOutputStream poem = new ByteArrayOutputStream();
    private final BiConsumer<Integer, String> onChunk;
    private final Consumer<byte[]> onPoem;
    private final Consumer<Failure> onFailure;

    /**
     * @param onChunk   told the size of each chunk and the server's {@code host:port}; may be null
     * @param onPoem    given the poem after a clean close
     * @param onFailure given the reason after an unclean close
     */
    PoetryClientProtocol(BiConsumer<Integer, String> onChunk, Consumer<byte[]> onPoem, Consumer<Failure> onFailure) {
        this.onChunk = onChunk;
        this.onPoem = onPoem;
        this.onFailure = onFailure;
    }

    @Override
    public void dataReceived(byte[] data) {
        poem.writeBytes(data);
        if (onChunk != null) {
            onChunk.accept(data.length, HostPort.format(transport.getPeer()));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        if (reason.check(ConnectionDone.class) != null) {
            onPoem.accept(poem.toByteArray());
        } else {
            onFailure.accept(reason);
        }
    }
}
