package dev.twine.internet;

/**
 * A UNIX socket address, Twisted's {@code UNIXAddress(name)} (semantics.md §8): a file system path, a Linux
 * abstract name written with a leading NUL ({@code '\0'}), or {@code ""} for an unnamed socket (a client
 * that never bound, as the server sees it).
 *
 * <p>{@link #type()} is {@code "UNIX"}; {@link #host()} returns the name, so that code written for IP
 * addresses logs something meaningful, and {@link #port()} is {@code 0}. Immutable.
 */
public record UNIXAddress(String name) implements IAddress {

    /** @throws NullPointerException if {@code name} is null */
    public UNIXAddress {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public String type() {
        return "UNIX";
    }

    /** The name, as {@link #name()}. */
    @Override
    public String host() {
        return name;
    }

    /** Always {@code 0}: UNIX sockets have no port. */
    @Override
    public int port() {
        return 0;
    }

    /** True for a Linux abstract name (leading NUL): no file exists for it. */
    public boolean isAbstract() {
        return !name.isEmpty() && name.charAt(0) == '\0';
    }

    @Override
    public String toString() {
        return "UNIXAddress(" + (isAbstract() ? "'@" + name.substring(1) + "'" : "'" + name + "'") + ")";
    }
}
