package dev.twine.internet.error;

/**
 * A client endpoint's factory returned {@code null} from {@code buildProtocol}, so the connection was
 * closed (Twisted's {@code NoProtocol}).
 */
public class NoProtocol extends Exception {
    private static final long serialVersionUID = 1L;

    public NoProtocol() {
        super("the factory built no protocol for the connection");
    }
}
