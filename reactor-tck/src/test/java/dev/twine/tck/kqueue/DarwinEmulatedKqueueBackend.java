package dev.twine.tck.kqueue;

import dev.twine.nativeio.bsd.KeventLayout;

/** {@code kqueue-darwin-shim}: the kqueue backend over the emulation with macOS's kevent ABI. */
public final class DarwinEmulatedKqueueBackend extends EmulatedKqueueBackend {
    public DarwinEmulatedKqueueBackend() {
        super("kqueue-darwin-shim", "darwin", KeventLayout.DARWIN);
    }
}
