package dev.twine.backend.kqueue;

import dev.twine.nativeio.bsd.KqueueConfig;

/** {@link KqueuePoller} on the emulation with FreeBSD 12's ABI (64-byte kevent, EVFILT_USER -11). */
class FreeBsdKqueuePollerTest extends KqueuePollerContract {
    @Override
    KqueueConfig config() {
        return KqShim.config(KqShim.Abi.FREEBSD);
    }
}
