package dev.twine.application;

import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.IReactorTCP;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A reactor double for service tests (Twisted's {@code MemoryReactor}, semantics.md §1.17): it records
 * {@code listenTCP} calls and returns {@link FakePort}s whose closing the test completes by hand, and it
 * keeps system-event triggers so a test can fire "shutdown" and watch the three phases, with the
 * during and after phases waiting for Deferreds returned by before triggers, as in a real reactor.
 */
final class MemoryReactor implements IReactorCore, IReactorTCP {

    /** A port that records its arguments; {@link #stopListening()} returns a Deferred the test fires. */
    static final class FakePort implements IListeningPort {
        final int port;
        final IProtocolFactory factory;
        final int backlog;
        final String iface;
        Deferred<Void> stopping;

        FakePort(int port, IProtocolFactory factory, int backlog, String iface) {
            this.port = port;
            this.factory = factory;
            this.backlog = backlog;
            this.iface = iface;
        }

        @Override
        public void startListening() {
        }

        @Override
        public Deferred<Void> stopListening() {
            stopping = new Deferred<>();
            return stopping;
        }

        @Override
        public IAddress getHost() {
            return new IPv4Address("TCP", "127.0.0.1", port == 0 ? 40000 : port);
        }
    }

    private record Trigger(String event, Callable<?> call) {
    }

    final List<FakePort> tcpServers = new ArrayList<>();
    private final Map<Phase, List<Trigger>> triggers = new EnumMap<>(Phase.class);

    MemoryReactor() {
        for (Phase p : Phase.values()) {
            triggers.put(p, new ArrayList<>());
        }
    }

    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
        FakePort p = new FakePort(port, factory, backlog, iface);
        tcpServers.add(p);
        return p;
    }

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout, InetSocketAddress bindAddress) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
        triggers.get(phase).add(new Trigger(eventType, trigger));
        return new TriggerId() {
        };
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Runnable trigger) {
        return addSystemEventTrigger(phase, eventType, () -> {
            trigger.run();
            return null;
        });
    }

    /** Runs the before triggers now; the during and after ones once every returned Deferred has fired. */
    @Override
    public void fireSystemEvent(String eventType) {
        List<Deferred<?>> waits = new ArrayList<>();
        for (Object result : run(Phase.BEFORE, eventType)) {
            if (result instanceof Deferred<?> d) {
                waits.add(d);
            }
        }
        DeferredList.of(waits).addCallback(ignored -> {
            run(Phase.DURING, eventType);
            run(Phase.AFTER, eventType);
            return null;
        });
    }

    private List<Object> run(Phase phase, String eventType) {
        List<Object> results = new ArrayList<>();
        for (Trigger t : List.copyOf(triggers.get(phase))) {
            if (t.event().equals(eventType)) {
                try {
                    results.add(t.call().call());
                } catch (Exception e) {
                    throw new AssertionError("trigger threw", e);
                }
            }
        }
        return results;
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop() {
        fireSystemEvent("shutdown");
    }

    @Override
    public void crash() {
    }

    @Override
    public void iterate(double delay) {
    }

    @Override
    public boolean running() {
        return false;
    }

    @Override
    public TriggerId callWhenRunning(Runnable f) {
        return addSystemEventTrigger(Phase.AFTER, "startup", f);
    }

    @Override
    public void removeSystemEventTrigger(TriggerId id) {
        throw new UnsupportedOperationException();
    }
}
