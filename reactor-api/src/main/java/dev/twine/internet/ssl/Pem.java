package dev.twine.internet.ssl;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM blocks of a file (RFC 7468): {@code -----BEGIN LABEL-----}, base64, {@code -----END
 * LABEL-----}; text between blocks is ignored, as openssl ignores it. Old-style encrypted blocks (with a
 * {@code Proc-Type: 4,ENCRYPTED} header) are refused with a message saying so.
 *
 * <p>Threading: stateless; values are immutable.
 */
final class Pem {
    /** One block: its label and decoded bytes. */
    record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    /**
     * Every block in {@code text}, in order.
     *
     * @param source names the input in error messages
     * @throws IllegalArgumentException for an unterminated or undecodable block
     */
    static List<Block> blocks(String text, String source) {
        List<Block> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        String label = null;
        StringBuilder body = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    body.setLength(0);
                }
            } else if (line.equals("-----END " + label + "-----")) {
                try {
                    out.add(new Block(label, Base64.getMimeDecoder().decode(body.toString())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": bad base64 in PEM block " + label, e);
                }
                label = null;
            } else if (line.startsWith("Proc-Type:") && line.contains("ENCRYPTED")) {
                throw new IllegalArgumentException(source + ": encrypted PEM private keys are not supported;"
                        + " decrypt it (openssl pkey) or use a PKCS#12 file");
            } else if (!line.contains(":")) {
                body.append(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException(source + ": PEM block " + label + " has no END line");
        }
        return out;
    }

    /** Every {@code CERTIFICATE} block of {@code text}, in file order. */
    static List<X509Certificate> certificates(String text, String source) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(text, source)) {
                if (b.label().equals("CERTIFICATE")) {
                    out.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(source + ": unreadable certificate: " + e.getMessage(), e);
        }
        return out;
    }
}
