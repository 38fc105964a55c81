package dev.twine.tck.kqueue;

import dev.twine.nativeio.bsd.KeventLayout;

/** {@code kqueue-freebsd-shim}: the kqueue backend over the emulation with FreeBSD 12's kevent ABI. */
public final class FreeBsdEmulatedKqueueBackend extends EmulatedKqueueBackend {
    public FreeBsdEmulatedKqueueBackend() {
        super("kqueue-freebsd-shim", "freebsd", KeventLayout.FREEBSD);
    }
}
