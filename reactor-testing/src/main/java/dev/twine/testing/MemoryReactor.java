package dev.twine.testing;

import dev.twine.internet.IReactorSSL;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.IReactorTCP;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IReactorUNIX;
import dev.twine.internet.IReactorUNIXDatagram;
import dev.twine.internet.IReactorSocket;
import dev.twine.internet.IUNIXDatagramConnectedTransport;
import dev.twine.internet.IUNIXDatagramTransport;
import dev.twine.internet.ConnectedDatagramProtocol;
import dev.twine.internet.UNIXAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A reactor that does no I/O and records what was asked of it (Twisted's
 * {@code twisted.internet.testing.MemoryReactor}, semantics.md §1.17), for testing code that calls
 * {@code listenTCP} and {@code connectTCP} without opening sockets.
 *
 * <ul>
 *   <li>{@link #listenTCP} records a {@link TcpServer} in {@link #tcpServers()} and returns a
 *       {@link FakePort}.</li>
 *   <li>{@link #connectTCP} records a {@link TcpClient} in {@link #tcpClients()}, returns a
 *       {@link FakeConnector} (also in {@link #connectors()}) and calls the factory's
 *       {@code startedConnecting} with it, as a real reactor does inside {@code connectTCP}.</li>
 *   <li>{@link #run()} runs the {@code callWhenRunning} hooks and stops again, as Twisted's does; the
 *       flags {@link #hasRun()}, {@link #hasStopped()}, {@link #hasCrashed()} record what happened.</li>
 *   <li>System-event triggers are kept and {@link #fireSystemEvent} runs them in Twisted's three phases,
 *       the during and after phases waiting for every Deferred a before trigger returned (Twine runs them;
 *       Twisted's double only records them).</li>
 *   <li>{@link #listenUDP} records a {@link UdpServer} in {@link #udpServers()} and returns a
 *       {@link FakeUdpPort}, without starting the protocol (as Twisted's does).</li>
 * </ul>
 * {@link #listenSSL} and {@link #connectSSL} are recorded the same way, in {@link #sslServers()} and
 * {@link #sslClients()} (Twisted's {@code sslServers}/{@code sslClients}); their connectors are in
 * {@link #connectors()} too. {@link #listenUNIX} and {@link #connectUNIX} likewise, in {@link #unixServers()}
 * and {@link #unixClients()}; {@link #listenUNIXDatagram} and {@link #connectUNIXDatagram} in
 * {@link #unixDatagramServers()} and {@link #unixDatagramClients()}, returning a {@link FakeUnixDatagramPort}
 * without starting the protocol. The {@code IReactorSocket} calls are recorded in {@link #adoptedPorts()},
 * {@link #adoptedStreamConnections()} and {@link #adoptedDatagramPorts()} (semantics.md §9).
 *
 * <p>Not thread-safe; no reactor thread exists, the test's thread is the only one.
 */
public class MemoryReactor implements IReactorCore, IReactorTCP, IReactorSSL, IReactorUNIX, IReactorUDP,
        IReactorUNIXDatagram, IReactorSocket {

    private record Trigger(Phase phase, String event, Callable<?> call) implements TriggerId {
    }

    private final List<TcpServer> tcpServers = new ArrayList<>();
    private final List<TcpClient> tcpClients = new ArrayList<>();
    private final List<UdpServer> udpServers = new ArrayList<>();
    private final List<FakeConnector> connectors = new ArrayList<>();
    private final List<SslServer> sslServers = new ArrayList<>();
    private final List<SslClient> sslClients = new ArrayList<>();
    private final List<UnixServer> unixServers = new ArrayList<>();
    private final List<UnixClient> unixClients = new ArrayList<>();
    private final List<UnixDatagramServer> unixDatagramServers = new ArrayList<>();
    private final List<UnixDatagramClient> unixDatagramClients = new ArrayList<>();
    private final List<AdoptedPort> adoptedPorts = new ArrayList<>();
    private final List<AdoptedStreamConnection> adoptedStreamConnections = new ArrayList<>();
    private final List<AdoptedDatagramPort> adoptedDatagramPorts = new ArrayList<>();
    private final List<Integer> closedFileDescriptors = new ArrayList<>();
    private final List<Trigger> whenRunningHooks = new ArrayList<>();
    private final Map<Phase, List<Trigger>> triggers = new EnumMap<>(Phase.class);
    private boolean running;
    private boolean hasRun;
    private boolean hasStopped;
    private boolean hasCrashed;

    /** A reactor that has not run and recorded nothing. */
    public MemoryReactor() {
        for (Phase p : Phase.values()) {
            triggers.put(p, new ArrayList<>());
        }
    }

    /** Every {@code listenTCP} call so far, oldest first (unmodifiable view). */
    public List<TcpServer> tcpServers() {
        return Collections.unmodifiableList(tcpServers);
    }

    /** Every {@code listenUDP} call so far, oldest first (unmodifiable view). */
    public List<UdpServer> udpServers() {
        return Collections.unmodifiableList(udpServers);
    }

    /** Every {@code connectTCP} call so far, oldest first (unmodifiable view). */
    public List<TcpClient> tcpClients() {
        return Collections.unmodifiableList(tcpClients);
    }

    /** Every {@code listenSSL} call so far, oldest first (unmodifiable view). */
    public List<SslServer> sslServers() {
        return Collections.unmodifiableList(sslServers);
    }

    /** Every {@code connectSSL} call so far, oldest first (unmodifiable view). */
    public List<SslClient> sslClients() {
        return Collections.unmodifiableList(sslClients);
    }

    /** The connectors returned by {@code connectTCP} and {@code connectSSL}, oldest first (unmodifiable view). */
    public List<FakeConnector> connectors() {
        return Collections.unmodifiableList(connectors);
    }

    /** Every {@code listenUNIX} call so far, oldest first (unmodifiable view). */
    public List<UnixServer> unixServers() {
        return Collections.unmodifiableList(unixServers);
    }

    /** Every {@code connectUNIX} call so far, oldest first (unmodifiable view). */
    public List<UnixClient> unixClients() {
        return Collections.unmodifiableList(unixClients);
    }

    /** True once {@link #run()} was called. */
    public boolean hasRun() {
        return hasRun;
    }

    /** True once {@link #stop()} was called (directly, or by {@link #run()} or {@link #crash()}). */
    public boolean hasStopped() {
        return hasStopped;
    }

    /** True once {@link #crash()} was called. */
    public boolean hasCrashed() {
        return hasCrashed;
    }

    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
        Objects.requireNonNull(factory, "factory");
        FakePort p = new FakePort(port, factory, backlog, iface == null ? "" : iface);
        tcpServers.add(new TcpServer(port, factory, backlog, p.iface(), p));
        return p;
    }

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            InetSocketAddress bindAddress) {
        Objects.requireNonNull(factory, "factory");
        FakeConnector c = new FakeConnector(host.indexOf(':') >= 0 ? new IPv6Address("TCP", host, port)
                : new IPv4Address("TCP", host, port), factory, timeout, bindAddress);
        tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress, c));
        connectors.add(c);
        factory.startedConnecting(c);
        return c;
    }

    @Override
    public IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String iface) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(contextFactory, "contextFactory");
        FakePort p = new FakePort(port, factory, backlog, iface == null ? "" : iface);
        sslServers.add(new SslServer(port, factory, contextFactory, backlog, p.iface(), p));
        return p;
    }

    @Override
    public IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, InetSocketAddress bindAddress) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(contextFactory, "contextFactory");
        FakeConnector c = new FakeConnector(host.indexOf(':') >= 0 ? new IPv6Address("TCP", host, port)
                : new IPv4Address("TCP", host, port), factory, timeout, bindAddress);
        sslClients.add(new SslClient(host, port, factory, contextFactory, timeout, bindAddress, c));
        connectors.add(c);
        factory.startedConnecting(c);
        return c;
    }

    /** Records the call and returns a {@link FakePort} whose {@code getHost()} is the {@code UNIXAddress}. */
    @Override
    public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode, boolean wantPID) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factory, "factory");
        FakePort p = new FakePort(0, factory, backlog, "", new UNIXAddress(address));
        unixServers.add(new UnixServer(address, factory, backlog, mode, wantPID, p));
        return p;
    }

    /** Records the call, returns a {@link FakeConnector} to a {@code UNIXAddress}, and calls {@code startedConnecting}. */
    @Override
    public IConnector connectUNIX(String address, ClientFactory factory, double timeout, boolean checkPID) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factory, "factory");
        FakeConnector c = new FakeConnector(new UNIXAddress(address), factory, timeout, null);
        unixClients.add(new UnixClient(address, factory, timeout, checkPID, c));
        connectors.add(c);
        factory.startedConnecting(c);
        return c;
    }

    /** Every {@code listenUNIXDatagram} call so far, oldest first (unmodifiable view). */
    public List<UnixDatagramServer> unixDatagramServers() {
        return Collections.unmodifiableList(unixDatagramServers);
    }

    /** Every {@code connectUNIXDatagram} call so far, oldest first (unmodifiable view). */
    public List<UnixDatagramClient> unixDatagramClients() {
        return Collections.unmodifiableList(unixDatagramClients);
    }

    /** Records the call and returns a {@link FakeUnixDatagramPort} whose {@code getHost()} is the address. */
    @Override
    public IUNIXDatagramTransport listenUNIXDatagram(String address, DatagramProtocol protocol, int maxPacketSize,
            int mode) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        FakeUnixDatagramPort p = new FakeUnixDatagramPort(address, null);
        unixDatagramServers.add(new UnixDatagramServer(address, protocol, maxPacketSize, mode, p));
        return p;
    }

    /** Records the call and returns a {@link FakeUnixDatagramPort} whose {@code getPeer()} is the address. */
    @Override
    public IUNIXDatagramConnectedTransport connectUNIXDatagram(String address, ConnectedDatagramProtocol protocol,
            int maxPacketSize, int mode, String bindAddress) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        FakeUnixDatagramPort p = new FakeUnixDatagramPort(bindAddress, address);
        unixDatagramClients.add(new UnixDatagramClient(address, protocol, maxPacketSize, mode, bindAddress, p));
        return p;
    }

    @Override
    public IUDPTransport listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        Objects.requireNonNull(protocol, "protocol");
        String i = iface == null ? "" : iface;
        FakeUdpPort p = new FakeUdpPort(port, i);
        udpServers.add(new UdpServer(port, protocol, i, maxPacketSize, p));
        return p;
    }

    // -- IReactorSocket: recorded, as Twisted's MemoryReactor records them --

    /** Every {@code adoptStreamPort} call so far, oldest first (unmodifiable view). */
    public List<AdoptedPort> adoptedPorts() {
        return Collections.unmodifiableList(adoptedPorts);
    }

    /** Every {@code adoptStreamConnection} call so far, oldest first (unmodifiable view). */
    public List<AdoptedStreamConnection> adoptedStreamConnections() {
        return Collections.unmodifiableList(adoptedStreamConnections);
    }

    /** Every {@code adoptDatagramPort} call so far, oldest first (unmodifiable view). */
    public List<AdoptedDatagramPort> adoptedDatagramPorts() {
        return Collections.unmodifiableList(adoptedDatagramPorts);
    }

    /**
     * Records the call and returns a {@link FakePort} on Twisted's fake address: {@code 0.0.0.0:1234} for
     * {@code INET}, {@code [::]:1234} for {@code INET6}, an unnamed {@code UNIXAddress} for {@code UNIX} (which
     * Twisted's fake refuses, though its real reactors adopt UNIX sockets, as Twine's do).
     */
    @Override
    public IListeningPort adoptStreamPort(int fileDescriptor, StandardProtocolFamily addressFamily,
            IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        FakePort p = switch (addressFamily) {
            case INET -> new FakePort(1234, factory, 50, "0.0.0.0");
            case INET6 -> new FakePort(1234, factory, 50, "::", new IPv6Address("TCP", "::", 1234));
            case UNIX -> new FakePort(0, factory, 50, "", new UNIXAddress(""));
        };
        adoptedPorts.add(new AdoptedPort(fileDescriptor, addressFamily, factory, p));
        return p;
    }

    /** Records the call; nothing is served. */
    @Override
    public void adoptStreamConnection(int fileDescriptor, StandardProtocolFamily addressFamily,
            IProtocolFactory factory) {
        adoptedStreamConnections.add(new AdoptedStreamConnection(fileDescriptor, addressFamily,
                Objects.requireNonNull(factory, "factory")));
    }

    /**
     * Records the call and returns a {@link FakeUdpPort} on Twisted's fake address ({@code 0.0.0.0:1234} or
     * {@code [::]:1234}).
     *
     * @throws IllegalArgumentException for {@code UNIX}, which is not a UDP family
     */
    @Override
    public IUDPTransport adoptDatagramPort(int fileDescriptor, StandardProtocolFamily addressFamily,
            DatagramProtocol protocol, int maxPacketSize) {
        Objects.requireNonNull(protocol, "protocol");
        FakeUdpPort p = switch (addressFamily) {
            case INET -> new FakeUdpPort(1234, "0.0.0.0");
            case INET6 -> new FakeUdpPort(1234, "::");
            case UNIX -> throw new IllegalArgumentException("adoptDatagramPort takes a UDP socket: INET or INET6");
        };
        adoptedDatagramPorts.add(new AdoptedDatagramPort(fileDescriptor, addressFamily, protocol, maxPacketSize, p));
        return p;
    }

    /** Every {@code closeFileDescriptor} call so far, oldest first (unmodifiable view). */
    public List<Integer> closedFileDescriptors() {
        return Collections.unmodifiableList(closedFileDescriptors);
    }

    /** Records the call; nothing is closed. */
    @Override
    public void closeFileDescriptor(int fileDescriptor) {
        closedFileDescriptors.add(fileDescriptor);
    }

    /** Runs the {@code callWhenRunning} hooks in order, then stops; returns at once, as Twisted's does. */
    @Override
    public void run() {
        running = true;
        hasRun = true;
        for (Trigger hook : List.copyOf(whenRunningHooks)) {
            runTrigger(hook);
        }
        whenRunningHooks.clear();
        stop();
    }

    /** Records the stop; the first call fires "shutdown" (its triggers), as a real reactor's stop does. */
    @Override
    public void stop() {
        boolean first = !hasStopped;
        hasStopped = true;
        running = false;
        if (first) {
            fireSystemEvent("shutdown");
        }
    }

    /** Records the crash and stops (Twisted's double stops too). */
    @Override
    public void crash() {
        hasCrashed = true;
        stop();
    }

    /** Does nothing: there is no I/O to wait for. */
    @Override
    public void iterate(double delay) {
    }

    @Override
    public boolean running() {
        return running;
    }

    /** Runs {@code f} now if running, else when {@link #run()} is called. */
    @Override
    public TriggerId callWhenRunning(Runnable f) {
        if (running) {
            f.run();
            return null;
        }
        Trigger t = new Trigger(Phase.AFTER, "startup", () -> {
            f.run();
            return null;
        });
        whenRunningHooks.add(t);
        return t;
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
        Trigger t = new Trigger(phase, eventType, trigger);
        triggers.get(phase).add(t);
        return t;
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Runnable trigger) {
        return addSystemEventTrigger(phase, eventType, () -> {
            trigger.run();
            return null;
        });
    }

    /** @throws IllegalArgumentException for an id this reactor did not hand out, or one already removed */
    @Override
    public void removeSystemEventTrigger(TriggerId id) {
        if (!(id instanceof Trigger t) || !(triggers.get(t.phase()).remove(t) || whenRunningHooks.remove(t))) {
            throw new IllegalArgumentException("no such trigger: " + id);
        }
    }

    /**
     * Runs the before triggers of {@code eventType} now, and the during and after ones once every Deferred a
     * before trigger returned has fired. A trigger that throws fails the test: there is no log to hide in.
     */
    @Override
    public void fireSystemEvent(String eventType) {
        List<Deferred<?>> waits = new ArrayList<>();
        for (Object result : runPhase(Phase.BEFORE, eventType)) {
            if (result instanceof Deferred<?> d) {
                waits.add(d);
            }
        }
        DeferredList.of(waits).addCallback(ignored -> {
            runPhase(Phase.DURING, eventType);
            runPhase(Phase.AFTER, eventType);
            return null;
        });
    }

    private List<Object> runPhase(Phase phase, String eventType) {
        List<Object> results = new ArrayList<>();
        for (Trigger t : List.copyOf(triggers.get(phase))) {
            if (t.event().equals(eventType)) {
                results.add(runTrigger(t));
            }
        }
        return results;
    }

    private static Object runTrigger(Trigger t) {
        try {
            return t.call().call();
        } catch (Exception e) {
            throw new AssertionError(t.phase() + " " + t.event() + " trigger threw", e);
        }
    }
}
