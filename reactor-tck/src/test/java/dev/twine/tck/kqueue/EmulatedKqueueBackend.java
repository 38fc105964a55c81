package dev.twine.tck.kqueue;

import dev.twine.backend.kqueue.KqueueBackend;
import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.bsd.KqueueConfig;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SocketProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * A test-only backend: the real {@link KqueueBackend} and {@code KqueuePoller}, with the kqueue
 * binding pointed at Twine's kqueue EMULATION built for one kevent ABI. Registered in this module's
 * test resources, so the conformance suite, which runs every {@link ReactorBackend} it finds, runs
 * in full against kqueue in the macOS and in the FreeBSD ABI on a Linux machine.
 *
 * <p>Its priority is negative, so it is never picked when no backend is named. The emulation is
 * compiled when availability is first asked for; where that cannot happen (no gcc, not Linux) the
 * backend is unavailable with the reason, and the suite skips it.
 */
abstract class EmulatedKqueueBackend implements ReactorBackend<PosixHandle> {

    /** Below select (0): an emulation is only ever used by name. */
    static final int PRIORITY = -10;

    private final KqueueBackend delegate;

    EmulatedKqueueBackend(String name, String abi, KeventLayout layout) {
        this.delegate = new KqueueBackend(name, PRIORITY, () -> KqueueBindings.load(
                KqueueConfig.library(KqueueEmulationBuild.library(abi).toString(), layout)));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int priority() {
        return delegate.priority();
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return delegate.unavailabilityReason();
    }

    @Override
    public Class<PosixHandle> handleType() {
        return delegate.handleType();
    }

    @Override
    public Poller<PosixHandle> openPoller() throws IOException {
        return delegate.openPoller();
    }

    @Override
    public SocketProvider sockets() {
        return delegate.sockets();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
