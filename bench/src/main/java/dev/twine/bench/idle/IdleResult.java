package dev.twine.bench.idle;

/**
 * One idle-connection measurement: live memory of the server with no connection, with half of
 * them, and with all of them open.
 *
 * @param stack       the server's stack ({@code epoll}, {@code netty-epoll}, ...)
 * @param connections connections held open at the end
 * @param heapEmpty   live heap bytes with no connection
 * @param heapHalf    live heap bytes with {@code connections / 2} open
 * @param heapFull    live heap bytes with every connection open
 * @param directHalf  direct-buffer bytes with half of them open
 * @param directFull  direct-buffer bytes with every connection open
 * @param error       why the measurement failed, or null
 */
public record IdleResult(String stack, int connections, long heapEmpty, long heapHalf, long heapFull,
                         long directHalf, long directFull, String error) {

    /** A failed measurement. */
    static IdleResult failed(String stack, int connections, String error) {
        return new IdleResult(stack, connections, 0, 0, 0, 0, 0, error);
    }

    /** True if the measurement completed. */
    public boolean ok() {
        return error == null;
    }

    /** Connections opened between the half and the full measurement. */
    public int secondHalf() {
        return connections - connections / 2;
    }

    /** Heap bytes each further connection costs: the slope between half and all connections. */
    public double heapPerConnection() {
        return (heapFull - heapHalf) / (double) secondHalf();
    }

    /** Direct-buffer bytes each further connection costs, measured the same way. */
    public double directPerConnection() {
        return (directFull - directHalf) / (double) secondHalf();
    }

    /** (Full heap - empty heap) / connections: includes one-time costs, for reference only. */
    public double heapPerConnectionFromEmpty() {
        return (heapFull - heapEmpty) / (double) connections;
    }
}
