package dev.twine.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ServerFactory;
import dev.twine.testing.FakePort;
import dev.twine.testing.MemoryReactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent application: state saved in the shutdown phases comes back on the next start. */
class ApplicationTest {

    /** A counter that persists its value. */
    static final class Counter extends Service implements IPersistable {
        long value;

        Counter(String name) {
            super(name);
        }

        @Override
        public Map<String, String> saveState() {
            return Map.of("value", Long.toString(value));
        }

        @Override
        public void restoreState(Map<String, String> state) {
            try {
                value = Long.parseLong(state.get("value"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value is not a number: " + state.get("value"), e);
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void loadOnAFirstRunFindsNothingAndChangesNothing() throws IOException {
        Application app = new Application("app", dir.resolve("state"));
        Counter c = new Counter("counter");
        c.setServiceParent(app);
        c.value = 5;
        assertFalse(app.load());
        assertEquals(5, c.value);
    }

    @Test
    void savedStateIsRestoredIntoAFreshTreeByServicePath() throws IOException {
        Path state = dir.resolve("sub/state.properties");
        Application first = new Application("app", state);
        Counter top = new Counter("top");
        top.setServiceParent(first);
        MultiService group = new MultiService("group");
        group.setServiceParent(first);
        Counter inner = new Counter("inner");
        inner.setServiceParent(group);
        top.value = 11;
        inner.value = 22;
        first.save();

        String text = Files.readString(state, StandardCharsets.UTF_8);
        assertTrue(text.contains("top.value=11"), text);
        assertTrue(text.contains("group/inner.value=22"), text);

        Application second = new Application("app", state);
        Counter top2 = new Counter("top");
        top2.setServiceParent(second);
        MultiService group2 = new MultiService("group");
        group2.setServiceParent(second);
        Counter inner2 = new Counter("inner");
        inner2.setServiceParent(group2);
        assertTrue(second.load());
        assertEquals(11, top2.value);
        assertEquals(22, inner2.value);
    }

    @Test
    void stateAServiceRejectsFailsTheLoadNamingTheService() throws IOException {
        Path state = dir.resolve("state");
        Files.writeString(state, "counter.value=eleven\n");
        Application app = new Application("app", state);
        new Counter("counter").setServiceParent(app);
        IOException e = assertThrows(IOException.class, app::load);
        assertTrue(e.getMessage().contains("counter"), e.getMessage());
    }

    @Test
    void aPersistableServiceMustBeNamed() {
        Application app = new Application("app", dir.resolve("state"));
        new Counter(null).setServiceParent(app);
        assertThrows(IllegalStateException.class, app::save);
    }

    @Test
    void startApplicationStopsServicesBeforeShutdownAndSavesAfterThemAll() throws IOException {
        Path state = dir.resolve("state");
        MemoryReactor reactor = new MemoryReactor();
        Application app = new Application("app", state);
        Counter counter = new Counter("counter");
        counter.setServiceParent(app);
        TCPServer server = new TCPServer(reactor, 0, new ServerFactory());
        server.setServiceParent(app);

        app.startApplication(reactor, true);
        assertTrue(counter.running());
        assertTrue(server.running());
        assertEquals(1, reactor.tcpServers().size());
        FakePort port = reactor.tcpServers().get(0).fakePort();
        port.holdStopListening();

        counter.value = 42;
        reactor.fireSystemEvent("shutdown");
        assertFalse(counter.running());
        assertFalse(server.running());
        // The port has not finished closing: the after phase, and so the save, must wait for it.
        assertFalse(Files.exists(state));
        counter.value = 43;
        port.stopping().callback(null);
        assertTrue(Files.readString(state).contains("counter.value=43"));
    }

    @Test
    void startApplicationWithoutSaveLeavesNoStateFile() {
        Path state = dir.resolve("state");
        MemoryReactor reactor = new MemoryReactor();
        Application app = new Application("app", state);
        new Counter("counter").setServiceParent(app);
        app.startApplication(reactor, false);
        reactor.fireSystemEvent("shutdown");
        assertFalse(Files.exists(state));
    }
}
