package dev.twine.testing;

import dev.twine.internet.IProtocolFactory;

/**
 * One {@code listenUNIX} call recorded by {@link MemoryReactor}: Twisted's {@code unixServers} tuple
 * {@code (address, factory, backlog, mode, wantPID)}, with the {@link FakePort} that was returned.
 *
 * @param address  the path or abstract name given
 * @param factory  the factory given
 * @param backlog  the backlog given
 * @param mode     the file mode given
 * @param wantPID  whether a lock file was asked for
 * @param fakePort what {@code listenUNIX} returned
 */
public record UnixServer(String address, IProtocolFactory factory, int backlog, int mode, boolean wantPID,
        FakePort fakePort) {
}
