package dev.twine.backend.kqueue.shim;

import dev.twine.backend.kqueue.KqShim;

/** The kqueue(2) rules against the emulation built with macOS's ABI (32-byte kevent, EVFILT_USER -10). */
class DarwinEmulationTest extends KqueueEmulationContract {
    @Override
    KqShim.Abi abi() {
        return KqShim.Abi.DARWIN;
    }
}
