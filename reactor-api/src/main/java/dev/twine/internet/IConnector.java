package dev.twine.internet;

/** An outgoing connection attempt and its reconnections (Twisted's {@code IConnector}, semantics.md §1.6). */
public interface IConnector {
    /**
     * Stops a connect in progress; {@code clientConnectionFailed(UserError)} is called synchronously.
     *
     * @throws dev.twine.internet.error.NotConnectingError if not connecting
     */
    void stopConnecting();

    /** Connecting: stopConnecting; connected: {@code transport.loseConnection()}. */
    void disconnect();

    /** Connects (again) with the same connector, e.g. from {@code clientConnectionLost}. */
    void connect();

    /** The destination as given to {@code connectTCP} (not resolved). */
    IAddress getDestination();
}
