/**
 * TLS as a wrapping factory (Twisted's {@code twisted.protocols.tls}, semantics.md §4.10):
 * {@link dev.twine.protocols.tls.TLSMemoryBIOFactory} puts TLS under the protocols of any factory, so TLS
 * reaches every place that takes a factory (a {@code ReactorGroup}'s port, a UNIX socket, a
 * {@code connectTCP}) without a TLS-specific variant of each. The TLS itself is the transport's own
 * ({@code ITLSTransport.startTLS}), the same code as {@code listenSSL} and {@code connectSSL}.
 */
package dev.twine.protocols.tls;
