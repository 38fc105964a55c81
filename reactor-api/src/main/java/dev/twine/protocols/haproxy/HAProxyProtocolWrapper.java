package dev.twine.protocols.haproxy;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.protocols.policies.ProtocolWrapper;
import dev.twine.protocols.policies.WrappingFactory;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads a connection's PROXY header, version 1 or 2, and from then on answers {@link #getPeer()} and
 * {@link #getHost()} with the addresses it carried (Twisted's {@code HAProxyProtocolWrapper}, semantics.md
 * §3.18). The wrapped protocol is connected at once, as in Twisted, and gets every byte after the header.
 *
 * <p>A connection that does not begin with a valid header is closed with {@code loseConnection}, and the
 * cause is logged with the connection's own peer; the wrapped protocol gets no data. Twisted decides the
 * version from the first read and drops a connection whose first read is shorter than 8 or 16 bytes;
 * Twine waits until the bytes decide it, since TCP may deliver a header in pieces.
 *
 * <p>Threading: reactor thread only.
 */
public class HAProxyProtocolWrapper extends ProtocolWrapper {
    private static final System.Logger LOG = System.getLogger(HAProxyProtocolWrapper.class.getName());

    /** Where the header is. */
    private enum Phase {
        /** Too few bytes yet to tell version 1 from version 2. */
        DETECTING,
        /** The version is known; its parser has the bytes. */
        PARSING,
        /** The header is read: bytes pass through. */
        PROXIED,
        /** The header was invalid; the connection is closing and bytes are dropped. */
        REFUSED
    }

    private Phase phase = Phase.DETECTING;
    private byte[] detecting = new byte[0];
    private ProxyParser parser;
    private ProxyInfo info;

    public HAProxyProtocolWrapper(WrappingFactory factory, IProtocol wrappedProtocol) {
        super(factory, wrappedProtocol);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        switch (phase) {
            case PROXIED -> super.dataReceived(data);
            case REFUSED -> data.position(data.limit());
            default -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                headerBytes(bytes);
            }
        }
    }

    private void headerBytes(byte[] bytes) {
        try {
            if (phase == Phase.DETECTING) {
                bytes = concat(detecting, bytes);
                parser = chooseParser(bytes);
                if (parser == null) {
                    detecting = bytes;
                    return;
                }
                detecting = null;
                phase = Phase.PARSING;
            }
            ProxyParser.Parsed parsed = parser.feed(bytes);
            if (parsed == null) {
                return;
            }
            info = parsed.info();
            parser = null;
            phase = Phase.PROXIED;
            if (parsed.remaining().length > 0) {
                super.dataReceived(ByteBuffer.wrap(parsed.remaining()));
            }
        } catch (InvalidProxyHeader e) {
            phase = Phase.REFUSED;
            parser = null;
            detecting = null;
            LOG.log(Level.WARNING, "Invalid PROXY header from " + transport.getPeer() + "; closing that connection: "
                    + e.getMessage());
            transport.loseConnection();
        }
    }

    /** The parser these first bytes call for, or {@code null} while they are a prefix of both signatures. */
    private static ProxyParser chooseParser(byte[] start) throws InvalidProxyHeader {
        if (startsLike(start, V2Parser.PREFIX)) {
            return start.length >= V2Parser.PREFIX.length ? new V2Parser() : null;
        }
        if (startsLike(start, V1Parser.PROXYSTR)) {
            return start.length >= V1Parser.PROXYSTR.length ? new V1Parser() : null;
        }
        throw new InvalidProxyHeader("the connection does not begin with a PROXY header");
    }

    /** True if {@code start} and {@code signature} agree on their common length. */
    private static boolean startsLike(byte[] start, byte[] signature) {
        int n = Math.min(start.length, signature.length);
        return Arrays.equals(start, 0, n, signature, 0, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The bytes held while the header is incomplete. */
    public int buffered() {
        return phase == Phase.DETECTING ? detecting.length : parser != null ? parser.buffered() : 0;
    }

    /** What the header said, or {@code null} before it is complete. */
    public ProxyInfo proxyInfo() {
        return info;
    }

    /** The client the header named, else the connection's own peer. */
    @Override
    public IAddress getPeer() {
        return info != null && info.source() != null ? info.source() : super.getPeer();
    }

    /** The destination the header named, else the connection's own address. */
    @Override
    public IAddress getHost() {
        return info != null && info.destination() != null ? info.destination() : super.getHost();
    }
}
