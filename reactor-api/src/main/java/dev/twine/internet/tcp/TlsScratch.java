package dev.twine.internet.tcp;

import java.nio.ByteBuffer;

/**
 * The per-reactor buffers every TLS connection of that reactor borrows while it is being served (one
 * reactor thread serves one connection at a time): see {@link TcpContext#tls()}.
 *
 * <p>Threading: reactor thread only.
 */
final class TlsScratch {
    static final int SIZE = 64 * 1024;

    /** Decrypted bytes of one read, handed to {@code dataReceived} through {@link #plainView}. */
    final ByteBuffer plain = ByteBuffer.allocate(SIZE);
    /** A read-only view over {@link #plain}, re-pointed for each delivery. */
    final ByteBuffer plainView = plain.asReadOnlyBuffer();
    /** Records sealed by one flush, before they are copied into write chunks. */
    final ByteBuffer sealed = ByteBuffer.allocate(SIZE);
    /** Plaintext chunks offered to one {@code wrap}. */
    final ByteBuffer[] gather = new ByteBuffer[TcpContext.GATHER_LIMIT];
}
