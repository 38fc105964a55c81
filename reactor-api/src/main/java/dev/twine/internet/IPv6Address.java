package dev.twine.internet;

/** An IPv6 endpoint, Twisted's {@code IPv6Address(type, host, port)} (flow info and scope omitted). */
public record IPv6Address(String type, String host, int port) implements IAddress {
    @Override
    public String toString() {
        return "IPv6Address(type='" + type + "', host='" + host + "', port=" + port + ")";
    }
}
