package dev.twine.examples.poetry;

import dev.twine.defer.Failure;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.Protocol;

/**
 * The slow poetry server's protocol: {@code numBytes} bytes of the poem at once, then the next
 * {@code numBytes} every {@code delay} seconds with {@code callLater}, then close.
 *
 * <p>The tutorial's version sleeps between chunks, so it serves one client at a time; this one never
 * blocks, so any number of slow clients are served side by side, each in the time the poem takes.
 * Chunks are counted in bytes, so a chunk may end in the middle of a multi-byte UTF-8 character; the
 * client reassembles the bytes.
 */
final class SlowPoetryProtocol extends Protocol implements IHalfCloseableProtocol {
    private final IReactorTime clock;
    private final byte[] poem;
    private final int numBytes;
    private final double delay;
    private int offset;
    private IDelayedCall next;

    SlowPoetryProtocol(IReactorTime clock, byte[] poem, int numBytes, double delay) {
        this.clock = clock;
        this.poem = poem;
        this.numBytes = numBytes;
        this.delay = delay;
    }

    @Override
    public void connectionMade() {
        sendNext();
    }

    private void sendNext() {
        next = null;
        if (!connected) {
            return;
        }
        int n = Math.min(numBytes, poem.length - offset);
        if (n > 0) {
            transport.write(java.nio.ByteBuffer.wrap(poem, offset, n));
            offset += n;
        }
        if (offset >= poem.length) {
            transport.loseConnection();
        } else {
            next = clock.callLater(delay, this::sendNext);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        if (next != null && next.active()) {
            next.cancel();
        }
        next = null;
    }

    /** A client that shut its sending side still gets the rest of the poem. */
    @Override
    public void readConnectionLost() {
    }

    @Override
    public void writeConnectionLost() {
    }
}
