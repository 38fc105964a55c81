package dev.twine.nativeio.bsd;

/**
 * The {@code <sys/event.h>} constants that are the same on macOS, FreeBSD and libkqueue (the ones
 * that differ live in {@link KeventLayout}). Values are quoted from xnu's and FreeBSD's headers; the
 * project's kqueue emulation uses the same numbers and its tests check the behaviour behind each.
 */
public final class KqueueConstants {

    /** {@code EVFILT_READ}: readable, or for a listening socket, a connection to accept. */
    public static final short EVFILT_READ = -1;
    /** {@code EVFILT_WRITE}: writable; {@code data} is the free space in the send buffer. */
    public static final short EVFILT_WRITE = -2;

    /** {@code EV_ADD}: add the event, or modify it if it exists (udata is overwritten). */
    public static final int EV_ADD = 0x0001;
    /** {@code EV_DELETE}: remove the event. */
    public static final int EV_DELETE = 0x0002;
    /** {@code EV_ENABLE}: let a disabled event be reported again. */
    public static final int EV_ENABLE = 0x0004;
    /** {@code EV_DISABLE}: keep the event but do not report it. */
    public static final int EV_DISABLE = 0x0008;
    /** {@code EV_ONESHOT}: delete the event after its first report. */
    public static final int EV_ONESHOT = 0x0010;
    /** {@code EV_CLEAR}: reset the event's state after each report (edge-triggered behaviour). */
    public static final int EV_CLEAR = 0x0020;
    /** {@code EV_RECEIPT}: report every change in the event list (with {@code EV_ERROR}, data 0 on success). */
    public static final int EV_RECEIPT = 0x0040;
    /** {@code EV_DISPATCH}: disable the event after each report. */
    public static final int EV_DISPATCH = 0x0080;
    /** {@code EV_ERROR}: in output, the change failed (or carried {@code EV_RECEIPT}); data is the errno. */
    public static final int EV_ERROR = 0x4000;
    /** {@code EV_EOF}: in output, end of file; for sockets fflags holds the socket error, if any. */
    public static final int EV_EOF = 0x8000;

    /** {@code NOTE_FFNOP}: leave a user event's fflags as they are. */
    public static final int NOTE_FFNOP = 0x00000000;
    /** {@code NOTE_FFAND}: AND the given fflags into a user event's fflags. */
    public static final int NOTE_FFAND = 0x40000000;
    /** {@code NOTE_FFOR}: OR the given fflags into a user event's fflags. */
    public static final int NOTE_FFOR = 0x80000000;
    /** {@code NOTE_FFCOPY}: replace a user event's fflags. */
    public static final int NOTE_FFCOPY = 0xc0000000;
    /** {@code NOTE_FFCTRLMASK}: the bits that select one of the operations above. */
    public static final int NOTE_FFCTRLMASK = 0xc0000000;
    /** {@code NOTE_FFLAGSMASK}: the user-defined fflags bits. */
    public static final int NOTE_FFLAGSMASK = 0x00ffffff;
    /** {@code NOTE_TRIGGER}: trigger a user event. */
    public static final int NOTE_TRIGGER = 0x01000000;

    private KqueueConstants() {
    }
}
