package dev.twine.internet.tcp;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import dev.twine.internet.Main;
import dev.twine.internet.error.ConnectionLost;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLProtocolException;

/**
 * The TLS record layer of one {@link Connection}: drives its {@link SSLEngine} between the socket's
 * bytes and the protocol's (Twisted's {@code TLSMemoryBIOProtocol}, but inside the transport, so no
 * second protocol object and no extra copy; semantics.md §4).
 *
 * <h2>Reading</h2>
 * {@link #received} unwraps records straight from the reactor's read buffer into the reactor's shared
 * plaintext buffer and hands the protocol a view of it, several records per {@code dataReceived} when
 * they fit. Only a record split across reads (and ciphertext left over when the protocol paused) is
 * copied, into this connection's own {@code pending} buffer, made once at the size the engine asks for.
 *
 * <h2>Writing</h2>
 * Plaintext written by the protocol is kept in {@link #plaintext} (pooled chunks) and sealed by
 * {@link #seal} when the connection flushes, so every write of one loop pass ends up in as few records
 * as the 16 KiB record limit allows, rather than one record per write (Twisted #11989). Until the
 * handshake completes only handshake records are sealed; the plaintext waits.
 *
 * <h2>Phases</h2>
 * {@link Phase#HANDSHAKING}, {@link Phase#ESTABLISHED}, then {@link Phase#CLOSE_SENT} once our
 * close_notify has been sealed. The peer's close_notify is reported separately ({@link #closeReceived}).
 * A second handshake on a TLS 1.2 connection (renegotiation, RFC 5746) is refused: the connection fails
 * with an {@link SSLProtocolException} naming it; TLS 1.3 has no renegotiation, and its post-handshake
 * messages (tickets, key updates) are allowed.
 *
 * <p>Threading: reactor thread only.
 */
final class TlsLayer {
    enum Phase { HANDSHAKING, ESTABLISHED, CLOSE_SENT }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final TlsScratch scratch;
    private final WriteBuffer plaintext;
    private final Connection connection;
    private Phase phase = Phase.HANDSHAKING;
    private boolean closeReceived;
    /** Ciphertext read but not yet unwrapped, in drain mode (position..limit); null while none. */
    private ByteBuffer pending;
    private IDelayedCall handshakeTimer;

    TlsLayer(SSLEngine engine, TcpContext context, Connection connection) {
        this.engine = engine;
        this.scratch = context.tls();
        this.plaintext = new WriteBuffer(context.chunks);
        this.connection = connection;
    }

    /**
     * Begins the handshake and arms its deadline.
     *
     * @throws SSLException if the engine refuses to start
     */
    void start(IReactor reactor, double timeoutSeconds) throws SSLException {
        engine.beginHandshake();
        if (timeoutSeconds > 0) {
            handshakeTimer = reactor.callLater(timeoutSeconds, () -> {
                handshakeTimer = null;
                connection.tlsFailed(new SSLHandshakeException(
                        "TLS handshake timed out after " + timeoutSeconds + " s"));
            });
        }
    }

    // -- Writing --

    /** Keeps the protocol's bytes until the next {@link #seal}. */
    void append(byte[] data, int offset, int length) {
        plaintext.append(data, offset, length);
    }

    void append(ByteBuffer data) {
        plaintext.append(data);
    }

    /** Plaintext waiting to be sealed (for producer pausing, semantics.md §4.5). */
    long plaintextSize() {
        return plaintext.size();
    }

    /** True once our close_notify was sealed: the protocol's writes are dropped from then on. */
    boolean closeSent() {
        return phase == Phase.CLOSE_SENT;
    }

    /** True after the peer's close_notify. */
    boolean closeReceived() {
        return closeReceived;
    }

    boolean handshakeDone() {
        return phase != Phase.HANDSHAKING;
    }

    /**
     * Seals whatever can go out now into {@code out}: handshake records the engine wants to send, then,
     * once the handshake is done, all buffered plaintext.
     *
     * @throws SSLException a TLS failure; the connection is lost with it
     */
    void seal(WriteBuffer out) throws SSLException {
        ByteBuffer dst = scratch.sealed;
        dst.clear();
        try {
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runTasks();
                    continue;
                }
                if (dst.remaining() < engine.getSession().getPacketBufferSize()) {
                    drain(dst, out);
                }
                if (hs == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                    SSLEngineResult r = engine.wrap(EMPTY, dst);
                    checkResult(r);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
                        return;
                    }
                    continue;
                }
                if (phase != Phase.ESTABLISHED || plaintext.isEmpty()) {
                    return;
                }
                ByteBuffer[] gather = scratch.gather;
                int n = plaintext.gather(gather);
                long before = 0;
                for (int i = 0; i < n; i++) {
                    before += gather[i].remaining();
                }
                SSLEngineResult r;
                try {
                    r = engine.wrap(gather, 0, n, dst);
                } finally {
                    long after = 0;
                    for (int i = 0; i < n; i++) {
                        after += gather[i].remaining();
                    }
                    java.util.Arrays.fill(gather, 0, n, null);
                    plaintext.consumed(before - after);
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    // The engine's write side is shut (our close_notify went out): nothing more can be sent.
                    plaintext.release();
                    return;
                }
                checkResult(r);
            }
        } finally {
            drain(dst, out);
        }
    }

    /**
     * Seals our close_notify (after any plaintext {@link #seal} could send). Idempotent.
     *
     * @throws SSLException a TLS failure while sealing
     */
    void sealCloseNotify(WriteBuffer out) throws SSLException {
        if (phase == Phase.CLOSE_SENT) {
            return;
        }
        phase = Phase.CLOSE_SENT;
        plaintext.release();
        engine.closeOutbound();
        ByteBuffer dst = scratch.sealed;
        dst.clear();
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                if (dst.remaining() < engine.getSession().getPacketBufferSize()) {
                    drain(dst, out);
                }
                SSLEngineResult r = engine.wrap(EMPTY, dst);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
                    break;
                }
            }
            if (!engine.isOutboundDone()) {
                engine.wrap(EMPTY, dst);
            }
        } finally {
            drain(dst, out);
        }
    }

    // -- Reading --

    /**
     * Unwraps the ciphertext in {@code src} (position..limit; consumed entirely: what cannot be unwrapped
     * yet is kept) and delivers the plaintext to the connection; handshake records to send are sealed
     * into {@code out}.
     *
     * @return {@code null} to go on reading, {@link Main#CONNECTION_DONE} for the peer's close_notify, or
     *         the TLS failure
     */
    Exception received(ByteBuffer src, WriteBuffer out) {
        try {
            if (pending != null && pending.hasRemaining()) {
                // A record began in an earlier read: complete it in the connection's own buffer.
                stash(src);
                Exception why = unwrapAll(pending, out);
                compactPending();
                return why;
            }
            Exception why = unwrapAll(src, out);
            if (src.hasRemaining()) {
                stash(src);
            }
            return why;
        } catch (SSLException e) {
            return e;
        }
    }

    /** True while ciphertext is kept that the protocol has not been given (it paused mid-read). */
    boolean hasPendingCiphertext() {
        return pending != null && pending.hasRemaining();
    }

    /** Unwraps the kept ciphertext, e.g. after the protocol resumed the transport; see {@link #received}. */
    Exception drainPending(WriteBuffer out) {
        if (pending == null) {
            return null;
        }
        try {
            Exception why = unwrapAll(pending, out);
            compactPending();
            return why;
        } catch (SSLException e) {
            return e;
        }
    }

    /**
     * TCP end of stream: clean only after the peer's close_notify; otherwise the stream was truncated,
     * which RFC 8446 §6.1 says must not be taken as a clean end (an attacker can cut a connection).
     */
    Exception endOfStream() {
        if (closeReceived) {
            return Main.CONNECTION_DONE;
        }
        return new ConnectionLost("TLS stream truncated: the peer closed TCP without sending close_notify"
                + (phase == Phase.HANDSHAKING ? " (during the handshake)" : ""));
    }

    /** The connection is gone: cancel the deadline and give every chunk back. */
    void dispose() {
        IDelayedCall t = handshakeTimer;
        handshakeTimer = null;
        if (t != null && t.active()) {
            t.cancel();
        }
        plaintext.release();
        pending = null;
    }

    // -- Session facts --

    Certificate[] peerCertificates() {
        if (phase == Phase.HANDSHAKING) {
            return null;
        }
        try {
            return engine.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    String negotiatedProtocol() {
        String p = phase == Phase.HANDSHAKING ? null : engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    String tlsVersion() {
        return phase == Phase.HANDSHAKING ? null : engine.getSession().getProtocol();
    }

    String serverName() {
        if (phase == Phase.HANDSHAKING) {
            return null;
        }
        if (engine.getUseClientMode()) {
            List<javax.net.ssl.SNIServerName> names = engine.getSSLParameters().getServerNames();
            if (names != null) {
                for (javax.net.ssl.SNIServerName n : names) {
                    if (n instanceof javax.net.ssl.SNIHostName host) {
                        return host.getAsciiName();
                    }
                }
            }
            return null;
        }
        if (engine.getSession() instanceof javax.net.ssl.ExtendedSSLSession session) {
            for (javax.net.ssl.SNIServerName n : session.getRequestedServerNames()) {
                if (n instanceof javax.net.ssl.SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    // -- Internals --

    private Exception unwrapAll(ByteBuffer src, WriteBuffer out) throws SSLException {
        ByteBuffer dst = scratch.plain;
        dst.clear();
        while (connection.wantsTlsInput()) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                seal(out);
                connection.tlsWantsFlush();
                continue;
            }
            if (!src.hasRemaining()) {
                break;
            }
            if (dst.remaining() < engine.getSession().getApplicationBufferSize()) {
                deliver(dst);
                continue;
            }
            SSLEngineResult r = engine.unwrap(src, dst);
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    deliver(dst);
                    return null;
                }
                case BUFFER_OVERFLOW -> {
                    if (dst.position() == 0) {
                        throw new SSLProtocolException("TLS record larger than the engine's application buffer");
                    }
                    deliver(dst);
                }
                case CLOSED -> {
                    closeReceived = true;
                    deliver(dst);
                    return Main.CONNECTION_DONE;
                }
                case OK -> {
                    checkResult(r);
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                            && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP
                            && r.getHandshakeStatus() != HandshakeStatus.FINISHED) {
                        // No progress without more input: wait for the next read.
                        deliver(dst);
                        return null;
                    }
                }
            }
        }
        deliver(dst);
        return null;
    }

    private void deliver(ByteBuffer dst) {
        if (dst.position() == 0) {
            return;
        }
        int n = dst.position();
        dst.clear();
        ByteBuffer view = scratch.plainView;
        view.clear().limit(n);
        connection.tlsDataReceived(view);
    }

    /** Handshake progress after a wrap or unwrap: completion, renegotiation. */
    private void checkResult(SSLEngineResult r) throws SSLException {
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.FINISHED) {
            if (phase == Phase.HANDSHAKING) {
                phase = Phase.ESTABLISHED;
                IDelayedCall t = handshakeTimer;
                handshakeTimer = null;
                if (t != null && t.active()) {
                    t.cancel();
                }
                connection.tlsHandshakeDone();
            }
        } else if (phase == Phase.ESTABLISHED && hs != HandshakeStatus.NOT_HANDSHAKING
                && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
            throw new SSLProtocolException("TLS renegotiation refused");
        }
    }

    private void runTasks() {
        // Delegated tasks (certificate checks, key agreement) run here, on the reactor thread, as
        // pyOpenSSL runs them inside do_handshake for Twisted: a handshake costs the loop about a
        // millisecond, and no thread handoff or reordering is needed.
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Copies the sealed records into {@code out}'s pooled chunks and empties {@code dst}. */
    private static void drain(ByteBuffer dst, WriteBuffer out) {
        if (dst.position() > 0) {
            dst.flip();
            out.append(dst);
            dst.clear();
        }
    }

    /** Keeps {@code src}'s remaining bytes after those already pending, growing the buffer only if needed. */
    private void stash(ByteBuffer src) {
        int need = src.remaining();
        if (pending == null) {
            pending = ByteBuffer.allocate(Math.max(need, engine.getSession().getPacketBufferSize()));
            pending.limit(0);
        }
        if (pending.capacity() - pending.limit() < need) {
            pending.compact().flip();
            if (pending.capacity() - pending.limit() < need) {
                ByteBuffer bigger = ByteBuffer.allocate(pending.remaining() + need);
                bigger.put(pending).flip();
                pending = bigger;
            }
        }
        int at = pending.limit();
        pending.limit(at + need);
        pending.put(at, src, src.position(), need);
        src.position(src.limit());
    }

    /** Moves the unconsumed bytes to the front, keeping the buffer for the next partial record. */
    private void compactPending() {
        if (!pending.hasRemaining()) {
            pending.clear().limit(0);
        } else if (pending.position() > 0) {
            pending.compact().flip();
        }
    }
}
