package dev.twine.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.error.ServiceNameUnknownError;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service-name ports on connectTCP/listenTCP, looked up as getservbyname does (semantics.md §3.11). */
class ServiceNamesTest {

    @Test
    void parsesTcpEntriesNamesAndAliasesAndIgnoresCommentsAndOtherProtocols() {
        Map<String, Integer> db = ServiceNames.parse(List.of(
                "# comment",
                "http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP",
                "domain\t\t53/udp",
                "",
                "smtp 25/tcp mail",
                "http 8080/tcp",
                "broken notaport/tcp"));
        assertEquals(Map.of("http", 80, "www", 80, "smtp", 25, "mail", 25), db);
    }

    @Test
    void knownNamesResolveAsTheSystemDatabaseSays() throws Exception {
        Path services = Path.of("/etc/services");
        if (!Files.isReadable(services)) {
            return; // no database here; the parser test above covers the format
        }
        Map<String, Integer> db = ServiceNames.parse(Files.readAllLines(services, java.nio.charset.StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, Integer> e : db.entrySet()) {
            assertEquals(e.getValue(), ServiceNames.tcpPort(e.getKey()), e.getKey());
        }
        assertFalse(db.isEmpty());
    }

    @Test
    void anUnknownNameOrANumberIsServiceNameUnknownError() {
        ServiceNameUnknownError e = assertThrows(ServiceNameUnknownError.class,
                () -> ServiceNames.tcpPort("no-such-service-twine"));
        assertTrue(e.getMessage().contains("'no-such-service-twine'"), e.getMessage());
        assertThrows(ServiceNameUnknownError.class, () -> ServiceNames.tcpPort("80"));
    }

    /** An IReactorTCP that records the port it was asked for. */
    static final class PortRecorder implements IReactorTCP {
        final List<Integer> ports = new ArrayList<>();

        @Override
        public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
            ports.add(port);
            return null;
        }

        @Override
        public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
                InetSocketAddress bindAddress) {
            ports.add(port);
            return null;
        }
    }

    @Test
    void connectTCPAndListenTCPAcceptAServiceName() throws Exception {
        if (!Files.isReadable(Path.of("/etc/services"))) {
            return;
        }
        PortRecorder r = new PortRecorder();
        String name = ServiceNames.parse(Files.readAllLines(Path.of("/etc/services"),
                java.nio.charset.StandardCharsets.ISO_8859_1)).keySet().iterator().next();
        int port = ServiceNames.tcpPort(name);
        r.connectTCP("127.0.0.1", name, new ClientFactory());
        r.listenTCP(name, new Factory());
        assertEquals(List.of(port, port), r.ports);
    }

    @Test
    void anUnknownServiceNameIsRefusedSynchronouslyBeforeAnythingStarts() {
        PortRecorder r = new PortRecorder();
        ClientFactory f = new ClientFactory();
        assertThrows(ServiceNameUnknownError.class, () -> r.connectTCP("127.0.0.1", "no-such-service-twine", f));
        assertThrows(ServiceNameUnknownError.class, () -> r.listenTCP("no-such-service-twine", f));
        assertEquals(List.of(), r.ports);
        assertEquals(0, f.numPorts());
    }
}
