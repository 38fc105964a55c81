package dev.twine.backend.kqueue;

import dev.twine.nativeio.bsd.Kqueue;

/**
 * A {@link Kqueue} decorator for tests: counts {@code kevent} calls (and the changes they carry) and
 * can make the next waiting call fail with a given errno, the way Twisted's kqueue reactor tests use
 * a fake {@code _IKQueue}. Calls made with no room for events (wake-ups) are not scripted.
 */
final class ScriptedKqueue implements Kqueue {

    private final Kqueue real;
    volatile int keventCalls;
    volatile int changesSubmitted;
    private int failNextWaitWith;

    ScriptedKqueue(Kqueue real) {
        this.real = real;
    }

    /** The next kevent call that has room for events applies its changes, then returns {@code -errno}. */
    synchronized void failNextWait(int errno) {
        failNextWaitWith = errno;
    }

    @Override
    public int kqueue() {
        return real.kqueue();
    }

    @Override
    public int kevent(int kq, long changes, int nchanges, long events, int nevents, long timeout) {
        keventCalls++;
        changesSubmitted += nchanges;
        int fail;
        synchronized (this) {
            fail = nevents > 0 ? failNextWaitWith : 0;
            if (nevents > 0) {
                failNextWaitWith = 0;
            }
        }
        if (fail != 0) {
            // As the kernel does on EINTR: the changes are in, the wait was cut short.
            real.kevent(kq, changes, nchanges, 0, 0, 0);
            return -fail;
        }
        return real.kevent(kq, changes, nchanges, events, nevents, timeout);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }

    @Override
    public String library() {
        return real.library();
    }
}
