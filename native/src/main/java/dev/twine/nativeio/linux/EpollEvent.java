package dev.twine.nativeio.linux;

/**
 * The layout of {@code struct epoll_event} on one architecture.
 *
 * <pre>
 * typedef union epoll_data {
 *     void     *ptr;
 *     int       fd;
 *     uint32_t  u32;
 *     uint64_t  u64;
 * } epoll_data_t;
 *
 * struct epoll_event {
 *     uint32_t     events;
 *     epoll_data_t data;
 * } __EPOLL_PACKED;
 * </pre>
 *
 * {@code __EPOLL_PACKED} is {@code __attribute__((packed))} on x86-64 only (glibc's
 * {@code sysdeps/unix/sysv/linux/sys/epoll.h}, kept for compatibility with the i386 ABI), so there
 * the struct is 12 bytes with {@code data} at offset 4, unaligned. On aarch64 it is naturally
 * aligned: 16 bytes, {@code data} at offset 8. Reading {@code data} at the wrong offset is the
 * classic porting bug, which is why the offsets live here, per architecture, and a test checks them
 * against {@code offsetof} from a compiled C program.
 *
 * <p>Immutable.
 */
public final class EpollEvent {

    private static final EpollEvent X86_64 = new EpollEvent("x86_64", 12, 0, 4);
    private static final EpollEvent AARCH64 = new EpollEvent("aarch64", 16, 0, 8);

    private final String architecture;
    private final int size;
    private final int eventsOffset;
    private final int dataOffset;

    private EpollEvent(String architecture, int size, int eventsOffset, int dataOffset) {
        this.architecture = architecture;
        this.size = size;
        this.eventsOffset = eventsOffset;
        this.dataOffset = dataOffset;
    }

    /** The layout for the running JVM's architecture. */
    public static EpollEvent current() {
        return forArchitecture(System.getProperty("os.arch", ""));
    }

    /**
     * The layout for an {@code os.arch} value.
     *
     * @throws UnsupportedOperationException for architectures without a table
     */
    public static EpollEvent forArchitecture(String osArch) {
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
            case "arm64":
                return AARCH64;
            default:
                throw new UnsupportedOperationException("no struct epoll_event layout for architecture " + osArch);
        }
    }

    /** The architecture, e.g. {@code "x86_64"}. */
    public String architecture() {
        return architecture;
    }

    /** {@code sizeof(struct epoll_event)}: the stride of an event array. */
    public int size() {
        return size;
    }

    /** {@code offsetof(struct epoll_event, events)}: a {@code uint32_t}. */
    public int eventsOffset() {
        return eventsOffset;
    }

    /** {@code offsetof(struct epoll_event, data)}: a 64-bit union, read and written as {@code u64}. */
    public int dataOffset() {
        return dataOffset;
    }
}
