package dev.twine.backend.kqueue;

/** {@link KqueuePoller} on the emulation with macOS's ABI (32-byte kevent, EVFILT_USER -10). */
class DarwinKqueuePollerTest extends KqueuePollerContract {
    @Override
    KqShim.Abi abi() {
        return KqShim.Abi.DARWIN;
    }
}
