package dev.twine.examples.poetry;

import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.Protocol;

/**
 * The fast poetry server's protocol: on connection, send the whole poem and close.
 *
 * <p>It is half-closeable: a client that shuts down its sending side (as {@code nc -N} or a client
 * done with its request does) still gets the entire poem, since only the write side closes the
 * connection here. Bytes the client sends are ignored, as in the tutorial.
 */
final class PoetryProtocol extends Protocol implements IHalfCloseableProtocol {
    private final byte[] poem;

    PoetryProtocol(byte[] poem) {
        this.poem = poem;
    }

    @Override
    public void connectionMade() {
        new PoemSender(transport, poem).start();
    }

    /** The client will send no more; keep sending the poem. */
    @Override
    public void readConnectionLost() {
    }

    @Override
    public void writeConnectionLost() {
    }
}
