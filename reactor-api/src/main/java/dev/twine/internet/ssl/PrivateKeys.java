package dev.twine.internet.ssl;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Turns the three unencrypted PEM key forms into a {@link PrivateKey}: PKCS#8 ({@code BEGIN PRIVATE KEY},
 * RFC 5208), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, RFC 8017 A.1.2) and SEC1 ({@code BEGIN EC PRIVATE KEY},
 * RFC 5915), which {@code openssl genrsa}/{@code ecparam -genkey} and older certbot releases write. The
 * JDK reads only PKCS#8, so the other two are rewrapped as a PKCS#8 {@code PrivateKeyInfo} around their
 * own bytes.
 *
 * <p>Threading: stateless.
 */
final class PrivateKeys {
    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** PKCS#8 algorithm identifiers to the JDK's {@link KeyFactory} names. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            RSA_ENCRYPTION, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    private PrivateKeys() {
    }

    /**
     * The key in one PEM block's bytes.
     *
     * @param label the PEM label, e.g. {@code "RSA PRIVATE KEY"}
     * @throws IllegalArgumentException naming the problem for an encrypted, unknown or malformed key
     */
    static PrivateKey fromPem(String label, byte[] der) {
        return switch (label) {
            case "PRIVATE KEY" -> fromPkcs8(der);
            case "RSA PRIVATE KEY" -> fromPkcs8(pkcs8(RSA_ENCRYPTION, Der.encode(Der.NULL), der));
            case "EC PRIVATE KEY" -> fromPkcs8(pkcs8(EC_PUBLIC_KEY, curveOf(der), der));
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "encrypted PEM private keys are not supported; decrypt it (openssl pkey) or use a PKCS#12 file");
            default -> throw new IllegalArgumentException("not a private key PEM block: " + label);
        };
    }

    static PrivateKey fromPkcs8(byte[] der) {
        String algorithm = algorithmOf(der);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER (0), algorithm AlgorithmIdentifier, privateKey OCTET STRING }. */
    private static byte[] pkcs8(String algorithmOid, byte[] parameters, byte[] key) {
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OID, oidBytes(algorithmOid)), parameters);
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithm,
                Der.encode(Der.OCTET_STRING, key));
    }

    /**
     * The named curve of a SEC1 ECPrivateKey, as an encoded OID: {@code SEQUENCE { version, privateKey,
     * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}. openssl always writes the parameters; without
     * them the curve is unknowable.
     */
    private static byte[] curveOf(byte[] sec1) {
        for (Der.Tlv field : Der.parse(sec1).children()) {
            if (field.tag() == Der.CONTEXT_0) {
                Der.Tlv curve = Der.parse(field.content());
                if (curve.tag() != Der.OID) {
                    throw new IllegalArgumentException("EC PRIVATE KEY with explicit curve parameters is not supported");
                }
                return Der.encode(Der.OID, curve.content());
            }
        }
        throw new IllegalArgumentException("EC PRIVATE KEY names no curve");
    }

    private static String algorithmOf(byte[] pkcs8) {
        List<Der.Tlv> fields = Der.parse(pkcs8).children();
        if (fields.size() < 3 || fields.get(1).tag() != Der.SEQUENCE) {
            throw new IllegalArgumentException("not a PKCS#8 PrivateKeyInfo");
        }
        Der.Tlv oid = fields.get(1).children().get(0);
        String dotted = Der.oid(oid.content());
        String algorithm = ALGORITHMS.get(dotted);
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported private key algorithm " + dotted);
        }
        return algorithm;
    }

    private static byte[] oidBytes(String dotted) {
        String[] arcs = dotted.split("\\.");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while ((arc >>> (7 * groups)) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((arc >>> (7 * g)) & 0x7f);
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return out.toByteArray();
    }
}
