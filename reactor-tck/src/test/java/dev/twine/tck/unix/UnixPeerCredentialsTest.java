package dev.twine.tck.unix;

import static dev.twine.tck.unix.UnixFixtures.TIMEOUT;
import static dev.twine.tck.unix.UnixFixtures.assumeUnix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUNIXTransport;
import dev.twine.internet.PeerCredentials;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.unix.UnixFixtures.Echo;
import dev.twine.tck.unix.UnixFixtures.EchoClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/** Peer credentials on UNIX connections (semantics.md §8.7): both ends see this process. */
class UnixPeerCredentialsTest {

    @TempDir
    Path dir;

    @ReactorTest
    void bothEndsOfAUnixConnectionSeeThisProcessAsTheirPeer(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("cred.sock").toString();
        List<Object> seen = new ArrayList<>();
        EchoClient client = new EchoClient(new byte[] {7}, reactor::stop) {
            @Override
            public dev.twine.internet.IProtocol buildProtocol(dev.twine.internet.IAddress addr) {
                dev.twine.internet.Protocol p = new dev.twine.internet.Protocol() {
                    @Override
                    public void connectionMade() {
                        seen.add(credentials(transport));
                        transport.loseConnection();
                    }
                };
                return p;
            }
        };
        IListeningPort[] port = new IListeningPort[1];
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUNIX(path, new ServerFactory(() -> new Echo() {
                @Override
                public void connectionMade() {
                    seen.add(credentials(transport));
                }
            }));
            reactor.connectUNIX(path, client);
        });
        builder.runReactor(reactor, TIMEOUT);
        assertNull(client.failed.get());
        Assumptions.assumeFalse(seen.contains("unsupported"),
                builder.backendName() + " has no numeric peer credentials (semantics.md §8.7)");
        // A file this process creates belongs to its effective user and (in a directory without setgid) group.
        Path mine = Files.createFile(dir.resolve("owner-probe"));
        int uid = (Integer) Files.getAttribute(mine, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(mine, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        PeerCredentials me = new PeerCredentials(ProcessHandle.current().pid(), uid, gid);
        assertEquals(List.of(me, me), seen, "the server's view, then the client's");
    }

    /** The transport's peer credentials, or the reason they are not available, as a value to compare. */
    private static Object credentials(dev.twine.internet.ITransport transport) {
        IUNIXTransport unix = assertInstanceOf(IUNIXTransport.class, transport);
        try {
            return unix.getPeerCredentials();
        } catch (UnsupportedOperationException e) {
            return "unsupported";
        }
    }
}
