package dev.twine.internet.ssl;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough ASN.1 DER to rewrap the private keys openssl and certbot write (PKCS#1, SEC1) as the
 * PKCS#8 the JDK's {@link java.security.KeyFactory} reads, and to find a PKCS#8 key's algorithm:
 * definite-length TLVs only (X.690 §10.1 forbids the indefinite form in DER).
 *
 * <p>Threading: stateless; values are immutable.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** SEC1's {@code [0] ECParameters}: context-specific, constructed, tag 0. */
    static final int CONTEXT_0 = 0xa0;

    /** One decoded TLV: its tag and its content bytes. */
    record Tlv(int tag, byte[] content) {
        /** The TLVs a constructed value holds, in order. */
        List<Tlv> children() {
            return parseAll(content);
        }
    }

    private Der() {
    }

    /**
     * Parses exactly one TLV that spans all of {@code der}.
     *
     * @throws IllegalArgumentException naming what is wrong with malformed or trailing bytes
     */
    static Tlv parse(byte[] der) {
        List<Tlv> all = parseAll(der);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER value, found " + all.size());
        }
        return all.get(0);
    }

    static List<Tlv> parseAll(byte[] der) {
        List<Tlv> out = new ArrayList<>();
        int i = 0;
        while (i < der.length) {
            int tag = der[i++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte DER tags are not used by key formats");
            }
            if (i >= der.length) {
                throw new IllegalArgumentException("DER value truncated before its length");
            }
            int first = der[i++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 4) {
                    throw new IllegalArgumentException("unsupported DER length form 0x" + Integer.toHexString(first));
                }
                length = 0;
                for (int k = 0; k < n; k++) {
                    if (i >= der.length) {
                        throw new IllegalArgumentException("DER length truncated");
                    }
                    length = (length << 8) | (der[i++] & 0xff);
                }
            }
            if (length > der.length - i) {
                throw new IllegalArgumentException("DER value claims " + length + " bytes, " + (der.length - i) + " left");
            }
            byte[] content = new byte[(int) length];
            System.arraycopy(der, i, content, 0, content.length);
            i += content.length;
            out.add(new Tlv(tag, content));
        }
        return out;
    }

    /** Encodes one TLV. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Decodes an OBJECT IDENTIFIER's content to dotted form, e.g. {@code 1.2.840.10045.2.1}. */
    static String oid(byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("empty OBJECT IDENTIFIER");
        }
        StringBuilder s = new StringBuilder();
        int first = content[0] & 0xff;
        // X.690 §8.19.4: the first byte packs the first two arcs as 40 * X + Y (X is at most 2).
        int x = Math.min(first / 40, 2);
        s.append(x).append('.').append(first - 40 * x);
        long arc = 0;
        for (int i = 1; i < content.length; i++) {
            int b = content[i] & 0xff;
            arc = (arc << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                s.append('.').append(arc);
                arc = 0;
            }
        }
        return s.toString();
    }
}
