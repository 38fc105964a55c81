package dev.twine.testing;

import dev.twine.internet.ClientFactory;

/**
 * One {@code connectUNIX} call recorded by {@link MemoryReactor}: Twisted's {@code unixClients} tuple
 * {@code (address, factory, timeout, checkPID)}, with the {@link FakeConnector} that was returned.
 *
 * @param address   the path or abstract name given
 * @param factory   the factory given
 * @param timeout   the timeout given, in seconds
 * @param checkPID  whether the lock file was to be checked
 * @param connector what {@code connectUNIX} returned
 */
public record UnixClient(String address, ClientFactory factory, double timeout, boolean checkPID,
        FakeConnector connector) {
}
