package dev.twine.backend.kqueue;

/** {@link KqueuePoller} on the emulation with FreeBSD 12's ABI (64-byte kevent, EVFILT_USER -11). */
class FreeBsdKqueuePollerTest extends KqueuePollerContract {
    @Override
    KqShim.Abi abi() {
        return KqShim.Abi.FREEBSD;
    }
}
