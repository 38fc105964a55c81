package dev.twine.internet;

import dev.twine.internet.error.NotConnectingError;

/**
 * A connector double: counts {@code connect}, {@code stopConnecting} and {@code disconnect} calls, and
 * is "connecting" only while the test says so, so {@code stopConnecting} throws
 * {@link NotConnectingError} otherwise, as a real connector does.
 */
final class RecordingConnector implements IConnector {
    int connects;
    int stops;
    int disconnects;
    boolean connecting;

    @Override
    public void stopConnecting() {
        if (!connecting) {
            throw new NotConnectingError();
        }
        connecting = false;
        stops++;
    }

    @Override
    public void disconnect() {
        disconnects++;
    }

    @Override
    public void connect() {
        connects++;
        connecting = true;
    }

    @Override
    public IAddress getDestination() {
        return new IPv4Address("TCP", "127.0.0.1", 9);
    }
}
