package dev.twine.protocols.haproxy;

/** The header names a network protocol or family the PROXY protocol does not define (Twisted's name). */
public class InvalidNetworkProtocol extends InvalidProxyHeader {
    private static final long serialVersionUID = 1L;

    public InvalidNetworkProtocol(String message) {
        super(message);
    }
}
