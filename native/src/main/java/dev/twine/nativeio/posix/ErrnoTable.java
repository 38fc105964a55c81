package dev.twine.nativeio.posix;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One operating system's errno numbers, their POSIX names and their {@code strerror} texts, and the
 * one place in the native module where an errno becomes a {@link SocketErrorException}.
 *
 * <p>The numbers differ between systems ({@code EAGAIN} is 11 on Linux and 35 on macOS and FreeBSD;
 * {@code EINPROGRESS} is 115 and 36), so code never hard-codes them: it asks its table once, with
 * {@link #number(String)}, and keeps the result in a final field. Each OS contributes a table built
 * with {@link #builder(String)} (Linux: {@code dev.twine.nativeio.linux.LinuxErrno}); a BSD or macOS
 * table is added the same way, in its own package, without touching this class.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrnoTable {

    private final String system;
    private final String[] names;
    private final String[] messages;
    private final Map<String, Integer> numbers;

    private ErrnoTable(String system, String[] names, String[] messages, Map<String, Integer> numbers) {
        this.system = system;
        this.names = names;
        this.messages = messages;
        this.numbers = Map.copyOf(numbers);
    }

    /** Starts a table for {@code system}, e.g. {@code "linux"}. */
    public static Builder builder(String system) {
        return new Builder(system);
    }

    /** The system this table describes, e.g. {@code "linux"}. */
    public String system() {
        return system;
    }

    /**
     * The errno number for a POSIX name, including aliases such as {@code EWOULDBLOCK}.
     *
     * @throws IllegalArgumentException if this system has no such errno
     */
    public int number(String name) {
        Integer number = numbers.get(name);
        if (number == null) {
            throw new IllegalArgumentException(system + " has no errno named " + name);
        }
        return number;
    }

    /** Every name in the table, aliases included. */
    public Set<String> names() {
        return numbers.keySet();
    }

    /** True when this system defines {@code name}. */
    public boolean has(String name) {
        return numbers.containsKey(name);
    }

    /**
     * The POSIX name of {@code errno} (the primary one where two names share a number, e.g.
     * {@code EAGAIN} rather than {@code EWOULDBLOCK}), or {@code "EIO"} for a number this table does
     * not know, as {@link SocketErrorException} asks for when no name fits.
     */
    public String name(int errno) {
        String name = errno > 0 && errno < names.length ? names[errno] : null;
        return name != null ? name : "EIO";
    }

    /** The system's description of {@code errno} ({@code strerror}), or "Unknown error N". */
    public String message(int errno) {
        String message = errno > 0 && errno < messages.length ? messages[errno] : null;
        return message != null ? message : "Unknown error " + errno;
    }

    /**
     * Turns a failed call into the exception the SPI promises. This is the only place in the native
     * module that does, so every backend's messages read the same: {@code "ECONNRESET: read:
     * Connection reset by peer"}.
     *
     * @param call  the C function that failed, e.g. {@code "connect"}
     * @param errno the positive errno number
     */
    public SocketErrorException exception(String call, int errno) {
        String name = name(errno);
        return new SocketErrorException(SocketError.forName(name), name, errno, call + ": " + message(errno));
    }

    /** Collects the rows of one system's table. Not thread-safe; build once, at class initialisation. */
    public static final class Builder {
        private final String system;
        private final Map<String, Integer> numbers = new HashMap<>();
        private final Map<Integer, String> names = new HashMap<>();
        private final Map<Integer, String> messages = new HashMap<>();

        private Builder(String system) {
            this.system = Objects.requireNonNull(system);
        }

        /** Adds an errno; the first name given for a number is its primary name. */
        public Builder add(int number, String name, String message) {
            if (number <= 0) {
                throw new IllegalArgumentException(name + ": errno numbers are positive, got " + number);
            }
            if (numbers.putIfAbsent(name, number) != null) {
                throw new IllegalArgumentException(name + " added twice");
            }
            names.putIfAbsent(number, name);
            messages.putIfAbsent(number, message);
            return this;
        }

        /** Adds a second name for an errno already added, e.g. {@code EWOULDBLOCK} for {@code EAGAIN}. */
        public Builder alias(String alias, String name) {
            Integer number = numbers.get(name);
            if (number == null) {
                throw new IllegalArgumentException(alias + " aliases unknown " + name);
            }
            if (numbers.putIfAbsent(alias, number) != null) {
                throw new IllegalArgumentException(alias + " added twice");
            }
            return this;
        }

        /** The finished, immutable table. */
        public ErrnoTable build() {
            int size = names.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            String[] byNumber = new String[size];
            String[] texts = new String[size];
            names.forEach((number, name) -> byNumber[number] = name);
            messages.forEach((number, message) -> texts[number] = message);
            return new ErrnoTable(system, byNumber, texts, numbers);
        }
    }
}
