package dev.twine.internet.ssl;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Picks the certificate a server presents by the host name the client sent with SNI (RFC 6066 §3), and
 * the default one otherwise; on a client it offers the one client certificate. Aliases are the host
 * names, lower case, and {@link #DEFAULT} for the default.
 *
 * <p>Threading: immutable, so one instance serves every engine of an {@code SSLContext} at once.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    static final String DEFAULT = "";

    private final Map<String, PrivateCertificate> byAlias;

    /** @param byAlias host name (lower case) or {@link #DEFAULT} to identity */
    SniKeyManager(Map<String, PrivateCertificate> byAlias) {
        this.byAlias = Map.copyOf(byAlias);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String requested = requestedHost(engine.getHandshakeSession());
        if (requested != null && fits(requested, keyType)) {
            return requested;
        }
        return fits(DEFAULT, keyType) ? DEFAULT : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        for (String keyType : keyTypes) {
            if (fits(DEFAULT, keyType)) {
                return DEFAULT;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(DEFAULT, keyType) ? new String[] {DEFAULT} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseEngineClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String[] aliases = byAlias.keySet().stream().filter(a -> fits(a, keyType)).toArray(String[]::new);
        return aliases.length == 0 ? null : aliases;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(DEFAULT, keyType) ? DEFAULT : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        PrivateCertificate identity = byAlias.get(alias);
        return identity == null ? null : identity.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateCertificate identity = byAlias.get(alias);
        return identity == null ? null : identity.privateKey();
    }

    /** The SNI host name in a server's handshake session, lower case, or {@code null}. */
    static String requestedHost(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            List<SNIServerName> names = extended.getRequestedServerNames();
            for (SNIServerName name : names) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                    return ((SNIHostName) name).getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /**
     * The JDK asks per key type ("RSA", "EC", "EdDSA", "RSASSA-PSS"); an identity fits when its key's
     * algorithm is that type (Ed25519/Ed448 keys report "EdDSA" or their own name).
     */
    private boolean fits(String alias, String keyType) {
        PrivateCertificate identity = byAlias.get(alias);
        if (identity == null || keyType == null) {
            return false;
        }
        String algorithm = identity.privateKey().getAlgorithm();
        return algorithm.equalsIgnoreCase(keyType)
                || (keyType.equals("EdDSA") && algorithm.startsWith("Ed"));
    }
}
