package dev.twine.protocols.haproxy;

/** The header names a protocol but lacks, or garbles, its addresses and ports (Twisted's name). */
public class MissingAddressData extends InvalidProxyHeader {
    private static final long serialVersionUID = 1L;

    public MissingAddressData(String message) {
        super(message);
    }
}
