package dev.twine.bench.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link EchoLoad} over TLS: {@code TlsEchoLoad --port P --ca CERT.pem [--connections C] [--size B]
 * [--seconds S]}. Opens {@code C} JDK TLS connections (handshakes before the clock starts, trusting only
 * {@code CERT.pem}), then, for {@code S} seconds, writes one {@code B}-byte message on every connection
 * and reads every echo, as {@link EchoLoad}'s rounds do; prints {@code messages=N seconds=T rate=R}. The
 * first round checks the echoed bytes. Blocking sockets on one thread: the load generator's own TLS
 * costs it CPU, so its busy share (reported by the script) says whether it set the rate.
 */
public final class TlsEchoLoad {

    private TlsEchoLoad() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        int port = -1;
        int connections = 16;
        int size = 64;
        double seconds = 5;
        Path ca = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--ca" -> ca = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0 || ca == null) {
            System.err.println("usage: TlsEchoLoad --port P --ca CERT.pem [--connections C] [--size B] [--seconds S]");
            System.exit(2);
        }
        SSLContext context = trusting(ca);
        SSLSocket[] sockets = new SSLSocket[connections];
        try {
            for (int i = 0; i < connections; i++) {
                sockets[i] = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
                sockets[i].setTcpNoDelay(true);
                sockets[i].setSoTimeout(10_000);
                sockets[i].startHandshake();
            }
            byte[] message = new byte[size];
            for (int i = 0; i < size; i++) {
                message[i] = (byte) (i * 31 + 7);
            }
            byte[] echo = new byte[size];
            round(sockets, message, echo);
            if (!Arrays.equals(message, echo)) {
                throw new IOException("the echo differs from the message");
            }
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
            long rounds = 0;
            long now;
            do {
                round(sockets, message, echo);
                rounds++;
                now = System.nanoTime();
            } while (now < deadline);
            double elapsed = (now - start) / 1e9;
            long messages = rounds * connections;
            System.out.println(String.format(Locale.ROOT, "messages=%d seconds=%.3f rate=%.1f",
                    messages, elapsed, messages / elapsed));
        } finally {
            for (SSLSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    /** One message out on every connection, then every echo back in full. */
    public static void round(SSLSocket[] sockets, byte[] message, byte[] echo) throws IOException {
        for (SSLSocket s : sockets) {
            OutputStream out = s.getOutputStream();
            out.write(message);
            out.flush();
        }
        for (SSLSocket s : sockets) {
            InputStream in = s.getInputStream();
            int got = 0;
            while (got < echo.length) {
                int n = in.read(echo, got, echo.length - got);
                if (n < 0) {
                    throw new IOException("the server closed the connection");
                }
                got += n;
            }
        }
    }

    /** A client context that trusts exactly the certificate in {@code ca}. */
    public static SSLContext trusting(Path ca) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
