package dev.twine.protocols.haproxy;

/**
 * A parser of one version of the PROXY header (Twisted's {@code IProxyParser}), fed the connection's first
 * bytes chunk by chunk. Single-use, one connection's, reactor thread only.
 */
public interface ProxyParser {
    /** A complete header and the bytes that followed it in the same chunks. */
    record Parsed(ProxyInfo info, byte[] remaining) {
    }

    /**
     * Takes the next chunk.
     *
     * @return the header and what followed it, once the header is complete; {@code null} until then
     * @throws InvalidProxyHeader as soon as the bytes cannot be a valid header
     */
    Parsed feed(byte[] data) throws InvalidProxyHeader;

    /** The bytes held while the header is incomplete (the fuzz property bounds it). */
    int buffered();
}
