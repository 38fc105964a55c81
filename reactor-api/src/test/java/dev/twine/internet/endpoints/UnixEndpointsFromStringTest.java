package dev.twine.internet.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import org.junit.jupiter.api.Test;

/**
 * The {@code unix:} server and client descriptions (semantics.md §8), after Twisted's
 * {@code test_endpoints.ServerStringTests.test_unix} and {@code ClientStringTests.test_unix*}. Parsing only
 * records; no socket is opened.
 */
class UnixEndpointsFromStringTest {
    private final IReactor reactor = NoCallReactor.create();

    private UNIXServerEndpoint server(String description) {
        return assertInstanceOf(UNIXServerEndpoint.class, Endpoints.serverFromString(reactor, description));
    }

    private UNIXClientEndpoint client(String description) {
        return assertInstanceOf(UNIXClientEndpoint.class, Endpoints.clientFromString(reactor, description));
    }

    @Test
    void aServerDescriptionGivesPathOctalModeBacklogAndLockfile() {
        UNIXServerEndpoint e = server("unix:/var/foo/bar:backlog=7:mode=0123:lockfile=1");
        assertEquals("/var/foo/bar", e.address());
        assertEquals(7, e.backlog());
        assertEquals(0123, e.mode());
        assertTrue(e.wantPID());
    }

    @Test
    void aServerDescriptionDefaultsToMode666Backlog50AndALockFile() {
        UNIXServerEndpoint e = server("unix:/tmp/x.sock");
        assertEquals(0666, e.mode());
        assertEquals(50, e.backlog());
        assertTrue(e.wantPID());
        assertFalse(server("unix:/tmp/x.sock:lockfile=0").wantPID());
    }

    @Test
    void aModeThatIsNotOctalIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server("unix:/tmp/x:mode=9"));
        assertTrue(e.getMessage().contains("mode"), e.getMessage());
    }

    @Test
    void aClientDescriptionGivesPathTimeoutAndLockfileAsCheckPid() {
        UNIXClientEndpoint e = client("unix:path=/var/foo/bar:lockfile=1:timeout=9");
        assertEquals("/var/foo/bar", e.path());
        assertEquals(9, e.timeout());
        assertTrue(e.checkPID());
        assertTrue(client("unix:path=/p:checkPID=1").checkPID());
    }

    @Test
    void aClientDescriptionTakesThePathPositionallyAndDefaultsToThirtySecondsWithoutALockCheck() {
        UNIXClientEndpoint e = client("unix:/var/foo/bar");
        assertEquals("/var/foo/bar", e.path());
        assertEquals(30, e.timeout());
        assertFalse(e.checkPID());
    }

    @Test
    void lockfileAndCheckPidTogetherAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> client("unix:path=/p:lockfile=1:checkPID=1"));
    }
}
