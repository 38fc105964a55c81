package dev.twine.bench.servers;

/**
 * Finds where each request ends in a byte stream, one byte at a time, without buffering and
 * without allocating, so that pipelined requests and requests split across reads are handled the
 * same way (TCP chunk boundaries are arbitrary, Twisted's {@code dataReceived} contract).
 *
 * <p>Scanning byte by byte keeps the Twine and Netty servers honest: both feed the same scanner
 * from their own buffer type ({@code ByteBuffer.get()} and {@code ByteBuf.getByte(i)}), so the
 * parsing cost is identical and the difference measured is the network stack.
 *
 * <p>One scanner per connection; not thread-safe (each is used by its connection's event loop).
 */
public interface RequestScanner {

    /** {@link #step} result: the byte did not complete a request. */
    int NONE = 0;

    /**
     * Consumes one byte.
     *
     * @return {@link #NONE}, or the 1-based index of the reply the request just completed needs
     */
    int step(byte b);
}
