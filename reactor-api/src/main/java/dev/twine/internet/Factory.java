package dev.twine.internet;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Makes protocols (Twisted's {@code Factory}, semantics.md §1.9).
 *
 * <p>{@link #doStart()}/{@link #doStop()} are reference-counted over the ports and connectors using the
 * factory: {@link #startFactory()} runs on the first start, {@link #stopFactory()} when the count drops
 * back to zero. Reactor thread only.
 */
public class Factory implements IProtocolFactory, ILoggingContext {
    private static final System.Logger LOG = System.getLogger(Factory.class.getName());

    /** Makes the protocol instances; {@code null} means {@link #buildProtocol} must be overridden. */
    protected Supplier<? extends IProtocol> protocol;
    /** Log "Starting factory"/"Stopping factory" lines, as Twisted does. */
    public boolean noisy = true;
    private int numPorts;

    public Factory() {
    }

    public Factory(Supplier<? extends IProtocol> protocol) {
        this.protocol = protocol;
    }

    /** A plain factory for {@code protocol} (Twisted's {@code Factory.forProtocol}). */
    public static Factory forProtocol(Supplier<? extends IProtocol> protocol) {
        return new Factory(protocol);
    }

    /** How many ports and connectors use this factory now. */
    public int numPorts() {
        return numPorts;
    }

    @Override
    public final void doStart() {
        if (numPorts == 0) {
            if (noisy) {
                LOG.log(Level.INFO, "Starting factory {0}", this);
            }
            startFactory();
        }
        numPorts++;
    }

    @Override
    public final void doStop() {
        if (numPorts == 0) {
            return;
        }
        numPorts--;
        if (numPorts == 0) {
            if (noisy) {
                LOG.log(Level.INFO, "Stopping factory {0}", this);
            }
            stopFactory();
        }
    }

    /** Called once before the first port or connector uses this factory. */
    public void startFactory() {
    }

    /** Called once after the last port or connector stopped using this factory. */
    public void stopFactory() {
    }

    /** Builds a protocol with {@link #protocol} and sets its {@code factory} field. */
    @Override
    public IProtocol buildProtocol(IAddress addr) {
        if (protocol == null) {
            throw new IllegalStateException(getClass().getName() + " has no protocol supplier; override buildProtocol");
        }
        IProtocol p = protocol.get();
        if (p instanceof Protocol proto) {
            proto.factory = this;
        }
        return p;
    }

    @Override
    public String logPrefix() {
        return getClass().getName();
    }
}
