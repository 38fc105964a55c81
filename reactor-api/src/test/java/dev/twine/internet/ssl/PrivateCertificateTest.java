package dev.twine.internet.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testfixtures.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material as Twisted's endpoints take it (semantics.md §4.8): PEM keys in the three forms openssl
 * and certbot write, certificate chains, PKCS#12, and clear errors for what cannot be read. The PKCS#1
 * and SEC1 files are written by the real {@code openssl} command (skipped without it).
 */
class PrivateCertificateTest {
    @TempDir
    Path dir;

    private static final TestCertificates CERTS = TestCertificates.get();

    @Test
    void aPkcs8KeyAndItsChainLoadFromPem() {
        PrivateCertificate loaded = PrivateCertificate.loadPEM(CERTS.keyPem("server"), CERTS.chainPem("server"));

        assertArrayEquals(CERTS.server().privateKey().getEncoded(), loaded.privateKey().getEncoded());
        assertEquals(CERTS.server().chain(), loaded.chain());
    }

    @Test
    void keyAndChainMayShareOneFile() throws IOException {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, Files.readString(CERTS.chainPem("server")) + "some text openssl ignores\n"
                + Files.readString(CERTS.keyPem("server")));

        PrivateCertificate loaded = PrivateCertificate.loadPEM(both);

        assertEquals(2, loaded.chain().size());
        assertEquals(CERTS.server().privateKey().getAlgorithm(), loaded.privateKey().getAlgorithm());
    }

    @Test
    void aPkcs12FileLoadsItsKeyAndChain() {
        PrivateCertificate loaded = PrivateCertificate.loadPKCS12(CERTS.pkcs12("server"), TestCertificates.password());

        assertArrayEquals(CERTS.server().privateKey().getEncoded(), loaded.privateKey().getEncoded());
        assertEquals(CERTS.server().chain().get(0), loaded.chain().get(0));
    }

    @Test
    void anRsaPkcs1KeyWrittenByOpensslLoadsAndSigns() throws Exception {
        Path key = openssl("rsa.pem", "genrsa", "-traditional", "2048");
        assertTrue(Files.readString(key).contains("BEGIN RSA PRIVATE KEY"), "openssl wrote PKCS#1");

        PrivateKey loaded = PrivateKeys.fromPem("RSA PRIVATE KEY", onlyBlock(key));

        assertEquals("RSA", loaded.getAlgorithm());
        assertSigns(loaded, "SHA256withRSA");
    }

    @Test
    void anEcSec1KeyWrittenByOpensslLoadsAndSigns() throws Exception {
        Path key = openssl("ec.pem", "ecparam", "-name", "prime256v1", "-genkey");
        String text = Files.readString(key);
        assertTrue(text.contains("BEGIN EC PARAMETERS") && text.contains("BEGIN EC PRIVATE KEY"), text);

        Path cert = dir.resolve("ec-cert.pem");
        Files.writeString(cert, Files.readString(CERTS.chainPem("server")));
        PrivateCertificate loaded = PrivateCertificate.loadPEM(key, cert);

        assertEquals("EC", loaded.privateKey().getAlgorithm());
        assertSigns(loaded.privateKey(), "SHA256withECDSA");
    }

    @Test
    void anEncryptedPemKeyIsRefusedSayingWhatToDo() throws Exception {
        Path key = openssl("enc.pem", "genrsa", "-traditional", "-aes128", "-passout", "pass:x", "2048");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrivateCertificate.loadPEM(key, CERTS.chainPem("server")));

        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("PKCS#12"), e.getMessage());
        assertTrue(e.getMessage().startsWith(key.toString()), "names the file: " + e.getMessage());
    }

    @Test
    void aFileWithoutAKeyOrWithAGarbledKeyIsRefusedNamingTheFile() throws IOException {
        Path noKey = CERTS.chainPem("server");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PrivateCertificate.loadPEM(noKey, noKey));
        assertTrue(missing.getMessage().contains("no PEM private key"), missing.getMessage());

        Path garbled = dir.resolve("garbled.pem");
        Files.writeString(garbled, TestCertificates.pem("EC PRIVATE KEY", new byte[] {0x30, 0x7f, 1, 2}));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PrivateCertificate.loadPEM(garbled, noKey));
        assertTrue(bad.getMessage().startsWith(garbled.toString()), bad.getMessage());

        Path unterminated = dir.resolve("cut.pem");
        Files.writeString(unterminated, "-----BEGIN PRIVATE KEY-----\nMIIB\n");
        assertThrows(IllegalArgumentException.class, () -> PrivateCertificate.loadPEM(unterminated, noKey));
    }

    @Test
    void aTrustRootLoadsEveryCertificateOfAPemFile() {
        TrustRoot root = TrustRoot.loadPEM(CERTS.chainPem("server"));

        assertEquals("TrustRoot[2 authorities]", root.toString());
        assertThrows(IllegalArgumentException.class, () -> TrustRoot.loadPEM(CERTS.keyPem("server")));
    }

    @Test
    void derObjectIdentifiersRoundTrip() {
        byte[] encoded = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
        assertEquals(PrivateKeys.EC_PUBLIC_KEY, Der.oid(encoded));
        assertEquals(List.of(Der.OID), Der.parseAll(Der.encode(Der.OID, encoded)).stream().map(Der.Tlv::tag).toList());
        assertThrows(IllegalArgumentException.class, () -> Der.parse(new byte[] {0x30, 0x05, 0x01}));
    }

    private static void assertSigns(PrivateKey key, String algorithm) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key);
        s.update("twine".getBytes(StandardCharsets.US_ASCII));
        assertTrue(s.sign().length > 0);
    }

    private static byte[] onlyBlock(Path pem) throws IOException {
        List<Pem.Block> blocks = Pem.blocks(Files.readString(pem), pem.toString());
        return blocks.get(blocks.size() - 1).der();
    }

    /** Runs {@code openssl ARGS -out FILE}; skips the test if openssl is not installed. */
    private Path openssl(String file, String... args) throws Exception {
        Path out = dir.resolve(file);
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        // genrsa takes the key size last; -out must come before it.
        command.add(command.size() - (args[args.length - 1].matches("\\d+") ? 1 : 0), "-out");
        command.add(command.indexOf("-out") + 1, out.toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed: " + e.getMessage());
            return null;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.exitValue() == 0 || !output.contains("traditional"),
                "this openssl has no -traditional: " + output);
        assertEquals(0, p.exitValue(), output);
        return out;
    }
}
