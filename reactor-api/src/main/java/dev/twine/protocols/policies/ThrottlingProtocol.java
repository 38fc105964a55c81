package dev.twine.protocols.policies;

import dev.twine.internet.IProducer;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IPushProducer;
import java.nio.ByteBuffer;

/**
 * The wrapper made by {@link ThrottlingFactory} (Twisted's {@code policies.ThrottlingProtocol},
 * semantics.md §3.8): counts the bytes read and written for the factory's bandwidth check, remembers the
 * producer registered on it so writes can be throttled, and pauses or resumes its transport to throttle
 * reads. A pull producer cannot be paused, so write throttling only reaches push producers.
 *
 * <p>Threading: reactor thread only.
 */
public class ThrottlingProtocol extends ProtocolWrapper {
    private final ThrottlingFactory throttlingFactory;
    private IProducer producer;

    public ThrottlingProtocol(ThrottlingFactory factory, IProtocol wrappedProtocol) {
        super(factory, wrappedProtocol);
        this.throttlingFactory = factory;
    }

    @Override
    public void write(byte[] data) {
        throttlingFactory.registerWritten(data.length);
        super.write(data);
    }

    @Override
    public void write(ByteBuffer data) {
        throttlingFactory.registerWritten(data.remaining());
        super.write(data);
    }

    @Override
    public void writeSequence(Iterable<byte[]> data) {
        long n = 0;
        for (byte[] b : data) {
            n += b.length;
        }
        throttlingFactory.registerWritten(n);
        super.writeSequence(data);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        throttlingFactory.registerRead(data.remaining());
        super.dataReceived(data);
    }

    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        super.registerProducer(producer, streaming);
        this.producer = producer;
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        super.unregisterProducer();
    }

    /** Stops reading from the transport. */
    public void throttleReads() {
        transport.pauseProducing();
    }

    /** Reads from the transport again. */
    public void unthrottleReads() {
        transport.resumeProducing();
    }

    /** Pauses the registered push producer, if any. */
    public void throttleWrites() {
        if (producer instanceof IPushProducer p) {
            p.pauseProducing();
        }
    }

    /** Resumes the registered push producer, if any. */
    public void unthrottleWrites() {
        if (producer instanceof IPushProducer p) {
            p.resumeProducing();
        }
    }
}
