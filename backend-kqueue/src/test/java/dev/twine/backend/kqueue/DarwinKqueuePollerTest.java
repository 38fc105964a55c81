package dev.twine.backend.kqueue;

import dev.twine.nativeio.bsd.KqueueConfig;

/** {@link KqueuePoller} on the emulation with macOS's ABI (32-byte kevent, EVFILT_USER -10). */
class DarwinKqueuePollerTest extends KqueuePollerContract {
    @Override
    KqueueConfig config() {
        return KqShim.config(KqShim.Abi.DARWIN);
    }
}
