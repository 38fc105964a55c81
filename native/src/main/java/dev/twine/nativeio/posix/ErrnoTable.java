package dev.twine.nativeio.posix;

import dev.twine.nativeio.Platform;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * One system's error numbers and their POSIX names, and the one place in the native module where an
 * error number becomes a {@link SocketErrorException}. POSIX systems fill it from a column of
 * {@link Errno}; Windows from its Winsock codes ({@code WinsockErrors.TABLE}), several of which may share
 * a POSIX name.
 *
 * <p>The numbers differ between systems ({@code EAGAIN} is 11 on Linux and 35 on macOS and FreeBSD), so
 * code never hard-codes them: it asks with {@link #number(String)} once and keeps the result in a final
 * field. Messages are not stored: they come from the binding's {@code strerror(3)}
 * ({@link #withMessages}), so they are the C library's own, in the only words the user will search for.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrnoTable {

    /** The POSIX platforms' tables, built on first use. */
    private static final Map<Platform, ErrnoTable> POSIX = new ConcurrentHashMap<>();

    private final String system;
    private final String[] names;
    private final Map<String, Integer> numbers;
    private final IntFunction<String> messages;

    private ErrnoTable(String system, String[] names, Map<String, Integer> numbers, IntFunction<String> messages) {
        this.system = system;
        this.names = names;
        this.numbers = numbers;
        this.messages = messages;
    }

    /**
     * A table of {@code names[i]} = {@code codes[i]}. The first row of a name gives its number and the
     * first row of a number gives its name, so aliases ({@code EWOULDBLOCK}) and secondary codes come last.
     *
     * @param messages the description of a number, called only when an error is reported
     */
    public static ErrnoTable of(String system, String[] names, int[] codes, IntFunction<String> messages) {
        if (names.length != codes.length) {
            throw new IllegalArgumentException(names.length + " names for " + codes.length + " codes");
        }
        Map<String, Integer> numbers = new HashMap<>();
        int max = 0;
        for (int code : codes) {
            if (code <= 0) {
                throw new IllegalArgumentException("error numbers are positive, got " + code);
            }
            max = Math.max(max, code);
        }
        String[] byNumber = new String[max + 1];
        for (int i = 0; i < names.length; i++) {
            numbers.putIfAbsent(names[i], codes[i]);
            if (byNumber[codes[i]] == null) {
                byNumber[codes[i]] = names[i];
            }
        }
        return new ErrnoTable(system, byNumber, Map.copyOf(numbers), messages);
    }

    /**
     * The {@link Errno} column of a POSIX platform, built once; messages say only the number until
     * {@link #withMessages}.
     */
    public static ErrnoTable of(Platform platform) {
        return POSIX.computeIfAbsent(platform, ErrnoTable::column);
    }

    private static ErrnoTable column(Platform platform) {
        Errno[] rows = Errno.values();
        String[] names = new String[rows.length];
        int[] codes = new int[rows.length];
        for (Errno row : rows) {
            names[row.ordinal()] = row.name();
            codes[row.ordinal()] = row.number(platform);
        }
        return of(platform.label(), names, codes, n -> "errno " + n);
    }

    /** The same names with messages from {@code strerror}, typically {@code PosixSockets::strerror}. */
    public ErrnoTable withMessages(IntFunction<String> strerror) {
        return new ErrnoTable(system, names, numbers, strerror);
    }

    /** The system this table describes, e.g. {@code "linux"}. */
    public String system() {
        return system;
    }

    /**
     * The number of a POSIX name, including aliases such as {@code EWOULDBLOCK}.
     *
     * @throws IllegalArgumentException if the table has no such name
     */
    public int number(String name) {
        Integer number = numbers.get(name);
        if (number == null) {
            throw new IllegalArgumentException(system + " table has no errno named " + name);
        }
        return number;
    }

    /** Every name in the table, aliases included. */
    public Set<String> names() {
        return numbers.keySet();
    }

    /** True when the table has {@code name}. */
    public boolean has(String name) {
        return numbers.containsKey(name);
    }

    /**
     * The POSIX name of {@code errno} ({@code EAGAIN} rather than {@code EWOULDBLOCK}), or {@code "EIO"}
     * for a number the table does not know, as {@link SocketErrorException} asks for when no name fits.
     */
    public String name(int errno) {
        String name = errno > 0 && errno < names.length ? names[errno] : null;
        return name != null ? name : "EIO";
    }

    /** The system's description of {@code errno}. */
    public String message(int errno) {
        return messages.apply(errno);
    }

    /**
     * Turns a failed call into the exception the SPI promises, so every backend's messages read the same:
     * {@code "ECONNRESET: read: Connection reset by peer"}.
     *
     * @param call  the C function that failed, e.g. {@code "connect"}
     * @param errno the positive error number
     */
    public SocketErrorException exception(String call, int errno) {
        String name = name(errno);
        return new SocketErrorException(SocketError.forName(name), name, errno, call + ": " + message(errno));
    }
}
