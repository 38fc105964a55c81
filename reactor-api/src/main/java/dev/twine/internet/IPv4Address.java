package dev.twine.internet;

/** An IPv4 endpoint, Twisted's {@code IPv4Address(type, host, port)}. */
public record IPv4Address(String type, String host, int port) implements IAddress {
    @Override
    public String toString() {
        return "IPv4Address(type='" + type + "', host='" + host + "', port=" + port + ")";
    }
}
