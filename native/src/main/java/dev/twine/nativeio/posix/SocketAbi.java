package dev.twine.nativeio.posix;

import dev.twine.nativeio.Platform;

import java.util.EnumMap;
import java.util.Map;

/**
 * One platform's column of {@link SocketConstant}, read with {@link #get}: everything the socket
 * layer ({@link SocketCalls}, {@link SockaddrCodec}, the handles) needs to know that C headers would
 * otherwise tell it.
 *
 * <p>Obtain it from {@link Platform#socketAbi()}. Immutable and thread-safe.
 */
public final class SocketAbi {

    /** The value of a row a platform's headers do not have. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private static final Map<Platform, SocketAbi> BY_PLATFORM = new EnumMap<>(Platform.class);

    static {
        for (Platform p : Platform.values()) {
            BY_PLATFORM.put(p, new SocketAbi(p));
        }
    }

    private final Platform platform;
    private final int[] values;

    private SocketAbi(Platform platform) {
        this.platform = platform;
        SocketConstant[] rows = SocketConstant.values();
        this.values = new int[rows.length];
        for (SocketConstant row : rows) {
            values[row.ordinal()] = row.value(platform);
        }
    }

    /** The table of {@code platform}. */
    public static SocketAbi of(Platform platform) {
        return BY_PLATFORM.get(platform);
    }

    /** The platform described, e.g. for messages. */
    public Platform platform() {
        return platform;
    }

    /** True when this platform's headers define {@code row}. */
    public boolean has(SocketConstant row) {
        return values[row.ordinal()] != ABSENT;
    }

    /**
     * The value of {@code row}.
     *
     * @throws UnsupportedOperationException when this platform does not define it
     */
    public int get(SocketConstant row) {
        int value = values[row.ordinal()];
        if (value == ABSENT) {
            throw new UnsupportedOperationException(platform.label() + " has no " + row);
        }
        return value;
    }

    /** The value of a flag row, or {@code 0} (no flag) where this platform does not define it. */
    public int flag(SocketConstant row) {
        int value = values[row.ordinal()];
        return value == ABSENT ? 0 : value;
    }

    /**
     * The option that lets several listening sockets share one address with the kernel spreading new
     * connections among them, or {@code 0} where there is none: {@code SO_REUSEPORT_LB} on FreeBSD (since
     * 12.0), {@code SO_REUSEPORT} on Linux (socket(7), since 3.9). macOS's {@code SO_REUSEPORT} only lets
     * the last socket bound take every connection, so it does not count.
     */
    public int balancedReuseport() {
        if (has(SocketConstant.SO_REUSEPORT_LB)) {
            return get(SocketConstant.SO_REUSEPORT_LB);
        }
        return platform == Platform.LINUX ? get(SocketConstant.SO_REUSEPORT) : 0;
    }

    /**
     * True where {@code accept4} exists (Linux, FreeBSD): exactly where {@code SOCK_NONBLOCK} does, since
     * both came together; macOS has only {@code accept}.
     */
    public boolean hasAccept4() {
        return has(SocketConstant.SOCK_NONBLOCK);
    }

    @Override
    public String toString() {
        return "SocketAbi[" + platform.label() + "]";
    }
}
