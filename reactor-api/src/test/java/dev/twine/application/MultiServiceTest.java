package dev.twine.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The service tree's life cycle (Twisted's {@code test_application.ServiceTests}/{@code MultiServiceTests}). */
class MultiServiceTest {

    /** Logs its life-cycle calls; its stop completes when the test fires {@link #stopping}. */
    static final class Recording extends Service {
        final List<String> log;
        Deferred<Void> stopping;

        Recording(String name, List<String> log) {
            super(name);
            this.log = log;
        }

        @Override
        public void privilegedStartService() {
            log.add("privileged " + name());
        }

        @Override
        public void startService() {
            super.startService();
            log.add("start " + name());
        }

        @Override
        public Deferred<Void> stopService() {
            super.stopService();
            log.add("stop " + name());
            stopping = new Deferred<>();
            return stopping;
        }
    }

    @Test
    void childrenStartInTheOrderAddedAfterEveryPrivilegedStart() {
        List<String> log = new ArrayList<>();
        MultiService root = new MultiService("root");
        new Recording("a", log).setServiceParent(root);
        new Recording("b", log).setServiceParent(root);
        root.privilegedStartService();
        root.startService();
        assertEquals(List.of("privileged a", "privileged b", "start a", "start b"), log);
        assertTrue(root.running());
    }

    @Test
    void childrenStopInReverseOrderAndTheCollectionFiresWhenAllHaveStopped() {
        List<String> log = new ArrayList<>();
        MultiService root = new MultiService();
        Recording a = new Recording("a", log);
        Recording b = new Recording("b", log);
        a.setServiceParent(root);
        b.setServiceParent(root);
        root.startService();
        log.clear();
        List<String> done = new ArrayList<>();
        root.stopService().addCallback(v -> done.add("stopped"));
        assertEquals(List.of("stop b", "stop a"), log);
        assertFalse(root.running());
        b.stopping.callback(null);
        assertEquals(List.of(), done);
        a.stopping.callback(null);
        assertEquals(List.of("stopped"), done);
    }

    @Test
    void aChildThatFailsToStopDoesNotKeepTheOthersRunning() {
        MultiService root = new MultiService();
        Service broken = new Service("broken") {
            @Override
            public Deferred<Void> stopService() {
                super.stopService();
                throw new IllegalStateException("boom");
            }
        };
        Service fine = new Service("fine");
        broken.setServiceParent(root);
        fine.setServiceParent(root);
        root.startService();
        List<String> done = new ArrayList<>();
        root.stopService().addCallback(v -> done.add("stopped"));
        assertEquals(List.of("stopped"), done);
        assertFalse(fine.running());
    }

    @Test
    void aServiceAddedToARunningCollectionStartsAtOnce() {
        List<String> log = new ArrayList<>();
        MultiService root = new MultiService();
        root.startService();
        new Recording("late", log).setServiceParent(root);
        assertEquals(List.of("privileged late", "start late"), log);
    }

    @Test
    void namesAreUniqueAmongSiblings() {
        MultiService root = new MultiService();
        new Service("x").setServiceParent(root);
        assertThrows(IllegalStateException.class, () -> new Service("x").setServiceParent(root));
        assertEquals("x", root.getServiceNamed("x").name());
        assertThrows(NoSuchElementException.class, () -> root.getServiceNamed("y"));
    }

    @Test
    void aServiceCannotBeRenamedWhileItHasAParent() {
        MultiService root = new MultiService();
        Service s = new Service("x");
        s.setServiceParent(root);
        assertThrows(IllegalStateException.class, () -> s.setName("y"));
    }

    @Test
    void disowningARunningParentStopsTheService() {
        List<String> log = new ArrayList<>();
        MultiService root = new MultiService();
        Recording child = new Recording("child", log);
        child.setServiceParent(root);
        root.startService();
        Deferred<Void> d = child.disownServiceParent();
        assertFalse(child.running());
        assertNull(child.parent());
        assertEquals(List.of(), root.services());
        assertSame(child.stopping, d);
    }

    @Test
    void addServiceReparentsAServiceSoBothSidesAgree() {
        MultiService first = new MultiService("first");
        MultiService second = new MultiService("second");
        Service s = new Service("s");
        first.addService(s);
        assertSame(first, s.parent());
        second.addService(s);
        assertSame(second, s.parent());
        assertEquals(List.of(), first.services());
        assertEquals(List.of(s), second.services());
    }
}
