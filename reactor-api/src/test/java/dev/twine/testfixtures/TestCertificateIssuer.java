package dev.twine.testfixtures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Issues X.509 v3 certificates (RFC 5280 §4.1) for tests, in process, with the JDK's own EC keys and
 * {@code SHA256withECDSA} (RSA and {@code SHA256withRSA} where the JVM has no EC, see {@link #newKeyPair()}): a minimal DER writer over exactly the fields a TLS peer checks (subject and
 * issuer common names, validity, basicConstraints, subjectAltName DNS and IP entries). Running
 * {@code keytool} for the same identities costs a JVM start per step (tens of seconds on a loaded
 * two-core machine); this costs milliseconds.
 *
 * <p>Threading: stateless.
 */
final class TestCertificateIssuer {
    private static final byte[] ECDSA_WITH_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] SHA256_WITH_RSA = oid(1, 2, 840, 113549, 1, 1, 11);
    private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
    private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificateIssuer() {
    }

    /**
     * A fresh P-256 key pair, or RSA 2048 where the JVM has no EC provider: the trimmed Windows JRE the
     * IOCP suite runs under Wine lacks the {@code jdk.crypto.ec} module.
     */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException noEc) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                e.addSuppressed(noEc);
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A certificate for {@code subjectKey} named {@code CN=subject}, signed by {@code issuerKey} as
     * {@code CN=issuer} (the same names and keys make a self-signed one), valid from an hour ago for two days.
     *
     * @param ca       true for a CA certificate (basicConstraints cA, critical)
     * @param altNames subjectAltName entries: IP literals become iPAddress, anything else dNSName
     */
    static X509Certificate issue(String subject, KeyPair subjectKey, String issuer, PrivateKey issuerKey, boolean ca,
            List<String> altNames) {
        try {
            boolean rsa = issuerKey.getAlgorithm().equals("RSA");
            // RFC 4055 §5 gives sha256WithRSAEncryption a NULL parameter; RFC 5758 §3.2 gives ECDSA none.
            byte[] algorithm = rsa ? seq(SHA256_WITH_RSA, new byte[] {0x05, 0x00}) : seq(ECDSA_WITH_SHA256);
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] validity = seq(utcTime(now.minusHours(1)), utcTime(now.plusDays(2)));
            ByteArrayOutputStream extensions = new ByteArrayOutputStream();
            extensions.writeBytes(seq(BASIC_CONSTRAINTS, tlv(0x01, new byte[] {(byte) 0xff}),
                    tlv(0x04, ca ? seq(tlv(0x01, new byte[] {(byte) 0xff})) : seq())));
            if (!altNames.isEmpty()) {
                ByteArrayOutputStream names = new ByteArrayOutputStream();
                for (String n : altNames) {
                    if (n.contains(":") || n.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                        names.writeBytes(tlv(0x87, InetAddress.getByName(n).getAddress()));
                    } else {
                        names.writeBytes(tlv(0x82, n.getBytes(StandardCharsets.US_ASCII)));
                    }
                }
                extensions.writeBytes(seq(SUBJECT_ALT_NAME, tlv(0x04, tlv(0x30, names.toByteArray()))));
            }
            byte[] tbs = seq(
                    tlv(0xa0, tlv(0x02, new byte[] {2})),
                    tlv(0x02, new BigInteger(64, RANDOM).add(BigInteger.ONE).toByteArray()),
                    algorithm,
                    name(issuer),
                    validity,
                    name(subject),
                    subjectKey.getPublic().getEncoded(),
                    tlv(0xa3, tlv(0x30, extensions.toByteArray())));
            Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | UnknownHostException e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }

    /** Name ::= SEQUENCE OF SET OF { type OID, value UTF8String }: one common name. */
    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(COMMON_NAME, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int groups = 1;
            while ((arc >>> (7 * groups)) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (arc >>> (7 * g)) & 0x7f;
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }
}
