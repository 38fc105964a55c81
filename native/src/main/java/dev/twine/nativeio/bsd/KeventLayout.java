package dev.twine.nativeio.bsd;

import dev.twine.nativeio.Platform;

import java.util.Locale;

/**
 * The binary interface of one {@code kevent(2)} implementation: the layout of {@code struct kevent}
 * and the filter numbers that differ between systems. Code never assumes a 32-byte struct: the
 * stride of every kevent array and the number of {@code EVFILT_USER} come from here.
 *
 * <p>All layouts below are LP64, little- or big-endian as the host is (fields are read in native
 * order); the first 32 bytes have the same offsets everywhere.
 * <pre>
 * // macOS, xnu bsd/sys/event.h (declared under #pragma pack(4))        32 bytes
 * struct kevent {
 *     uintptr_t ident;   //  0  identifier, here a file descriptor
 *     int16_t   filter;  //  8  EVFILT_*
 *     uint16_t  flags;   // 10  EV_*
 *     uint32_t  fflags;  // 12  filter flags (NOTE_*; the socket error with EV_EOF)
 *     intptr_t  data;    // 16  filter data (bytes readable, free space, errno with EV_ERROR)
 *     void     *udata;   // 24  opaque, returned as given
 * };
 *
 * // FreeBSD 12 and later, sys/sys/event.h                               64 bytes
 * struct kevent {
 *     __uintptr_t ident; //  0
 *     short     filter;  //  8
 *     unsigned short flags;  // 10
 *     unsigned int fflags;   // 12
 *     __int64_t data;    // 16
 *     void     *udata;   // 24
 *     __uint64_t ext[4]; // 32  ext[0..1] filter-defined, ext[2..3] passed through
 * };
 * </pre>
 * FreeBSD keeps the old 32-byte layout only as the versioned symbol {@code kevent@FBSD_1.0};
 * {@code dlsym}, and therefore jnr-ffi, finds the default {@code kevent@@FBSD_1.5}, which takes the
 * 64-byte struct. Reading FreeBSD events with a 32-byte stride is exactly the bug jnr-enxio had
 * (jnr/jnr-enxio#39). libkqueue, the user-space emulation for Linux, keeps the 32-byte struct but
 * FreeBSD's filter numbers, hence its own constant.
 *
 * <p>The tables are checked three ways: against the project's kqueue emulation compiled for each
 * ABI ({@code kqshim_kevent_size}, {@code kqshim_evfilt_user}); by a self-check at poller start-up
 * that registers, triggers and reads back an {@code EVFILT_USER} event; and, where available, on the
 * real systems.
 */
public enum KeventLayout {

    /** macOS (xnu), x86-64 and arm64: 32 bytes, {@code EVFILT_USER} = -10. */
    DARWIN("darwin", 32, false, -10),

    /** FreeBSD 12 and later, amd64 and arm64: 64 bytes with {@code ext[4]}, {@code EVFILT_USER} = -11. */
    FREEBSD("freebsd", 64, true, -11),

    /** libkqueue on Linux ({@code mheily/libkqueue}): 32 bytes, FreeBSD's {@code EVFILT_USER} = -11. */
    LIBKQUEUE("libkqueue", 32, false, -11);

    private final String abiName;
    private final int size;
    private final boolean hasExt;
    private final short evfiltUser;

    KeventLayout(String abiName, int size, boolean hasExt, int evfiltUser) {
        this.abiName = abiName;
        this.size = size;
        this.hasExt = hasExt;
        this.evfiltUser = (short) evfiltUser;
    }

    /**
     * The layout named by {@code twine.kqueue.abi}.
     *
     * @param name {@code darwin} (or {@code macos}), {@code freebsd} or {@code libkqueue}, any case
     * @throws IllegalArgumentException for any other name
     */
    public static KeventLayout forName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "darwin":
            case "macos":
                return DARWIN;
            case "freebsd":
                return FREEBSD;
            case "libkqueue":
                return LIBKQUEUE;
            default:
                throw new IllegalArgumentException(
                        "unknown kevent ABI '" + name + "'; expected darwin, freebsd or libkqueue");
        }
    }

    /**
     * The layout of the C library's own {@code kevent} on an operating system, by {@code os.name}.
     *
     * @return the layout, or {@code null} where the system has no kqueue this table knows (Linux,
     *         Windows, and OpenBSD/NetBSD/DragonFly, whose layouts have not been verified)
     */
    public static KeventLayout forOperatingSystem(String osName) {
        Platform platform = Platform.forOsName(osName);
        return platform == null ? null : platform.keventLayout();
    }

    /** The name used by {@code twine.kqueue.abi}: {@code darwin}, {@code freebsd} or {@code libkqueue}. */
    public String abiName() {
        return abiName;
    }

    /** {@code sizeof(struct kevent)}: the stride of a kevent array. */
    public int size() {
        return size;
    }

    /** {@code offsetof(struct kevent, ident)}: a {@code uintptr_t}, 8 bytes. */
    public int identOffset() {
        return 0;
    }

    /** {@code offsetof(struct kevent, filter)}: a signed 16-bit value. */
    public int filterOffset() {
        return 8;
    }

    /** {@code offsetof(struct kevent, flags)}: an unsigned 16-bit value. */
    public int flagsOffset() {
        return 10;
    }

    /** {@code offsetof(struct kevent, fflags)}: an unsigned 32-bit value. */
    public int fflagsOffset() {
        return 12;
    }

    /** {@code offsetof(struct kevent, data)}: a signed 64-bit value on every 64-bit ABI here. */
    public int dataOffset() {
        return 16;
    }

    /** {@code offsetof(struct kevent, udata)}: a pointer, 8 bytes. */
    public int udataOffset() {
        return 24;
    }

    /** True when the struct ends with FreeBSD's {@code uint64_t ext[4]} at offset 32. */
    public boolean hasExt() {
        return hasExt;
    }

    /** {@code offsetof(struct kevent, ext)}, or {@code -1} without it. */
    public int extOffset() {
        return hasExt ? 32 : -1;
    }

    /** {@code EVFILT_USER} of this system. */
    public short evfiltUser() {
        return evfiltUser;
    }

    /** A one-line description for messages, e.g. "freebsd (64-byte struct kevent, EVFILT_USER -11)". */
    public String describe() {
        return abiName + " (" + size + "-byte struct kevent, EVFILT_USER " + evfiltUser + ")";
    }
}
