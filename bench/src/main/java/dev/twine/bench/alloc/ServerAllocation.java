package dev.twine.bench.alloc;

/**
 * One measurement of {@link ServerAllocationProbe}: bytes the server's event-loop thread allocated
 * while it echoed {@code messages} messages of {@code size} bytes over {@code connections}
 * connections, after a warm-up.
 *
 * @param stack       the server's stack ({@code epoll}, {@code netty-epoll}, ...)
 * @param size        message size in bytes
 * @param connections connections the messages were spread over
 * @param messages    messages echoed in the measured window
 * @param bytes       bytes the event-loop thread allocated in that window
 * @param error       why the measurement failed, or null
 */
public record ServerAllocation(String stack, int size, int connections, long messages, long bytes, String error) {

    static ServerAllocation failed(String stack, int size, int connections, String error) {
        return new ServerAllocation(stack, size, connections, 0, 0, error);
    }

    /** True if the measurement completed. */
    public boolean ok() {
        return error == null;
    }

    /** Bytes allocated on the event-loop thread per echoed message. */
    public double bytesPerMessage() {
        return messages == 0 ? Double.NaN : bytes / (double) messages;
    }
}
