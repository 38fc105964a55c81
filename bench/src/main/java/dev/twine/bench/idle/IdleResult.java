package dev.twine.bench.idle;

/**
 * One idle-connection measurement.
 *
 * @param stack        the server's stack ({@code epoll}, {@code netty-epoll}, ...)
 * @param connections  connections held open when measured
 * @param heapBefore   live heap bytes before any connection
 * @param heapAfter    live heap bytes with every connection open
 * @param directBefore direct-buffer bytes before any connection
 * @param directAfter  direct-buffer bytes with every connection open
 * @param error        why the measurement failed, or null
 */
public record IdleResult(String stack, int connections, long heapBefore, long heapAfter,
                         long directBefore, long directAfter, String error) {

    /** A failed measurement. */
    static IdleResult failed(String stack, int connections, String error) {
        return new IdleResult(stack, connections, 0, 0, 0, 0, error);
    }

    /** True if the measurement completed. */
    public boolean ok() {
        return error == null;
    }

    /** Heap bytes per connection. */
    public double heapPerConnection() {
        return (heapAfter - heapBefore) / (double) connections;
    }

    /** Direct-buffer bytes per connection. */
    public double directPerConnection() {
        return (directAfter - directBefore) / (double) connections;
    }
}
