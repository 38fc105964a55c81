package dev.twine.tck.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Connect failures that need a network to misbehave, made real without ever dialling a machine (semantics.md §1.6).
 * The client runs in a child JVM inside a private user and
 * network namespace ({@code unshare -rn}) where {@code 127.0.0.2}, a loopback address, is routed into a
 * veth device whose peer is down, so every SYN is dropped and the connect stays in progress until the
 * timeout fires; and no name server is reachable, so a lookup fails. Nothing leaves the namespace. Where user namespaces, {@code unshare} or {@code ip} are
 * unavailable the test is skipped with the reason.
 */
class TcpIsolatedNetworkTest {
    private static final double PATIENCE = 60;
    private static final double CONNECT_TIMEOUT = 1.0;

    /**
     * Runs in the namespace before the JVM: loopback up with only 127.0.0.1 local, 127.0.0.2 routed into
     * a dead veth (static neighbour entry, so no ARP either); {@code route_localnet} lets a 127/8 address
     * leave through a non-loopback device at all. Exit status 77 means "cannot set up here".
     */
    private static final String BLACKHOLE = String.join(" && ",
            "ip link set lo up",
            "ip addr del 127.0.0.1/8 dev lo",
            "ip addr add 127.0.0.1/32 dev lo",
            "ip link add twdrop0 type veth peer name twdrop1",
            "ip link set twdrop0 up",
            "echo 1 > /proc/sys/net/ipv4/conf/all/route_localnet",
            "echo 1 > /proc/sys/net/ipv4/conf/twdrop0/route_localnet",
            "ip route add 127.0.0.2/32 dev twdrop0",
            "ip neigh add 127.0.0.2 lladdr 02:00:00:00:00:01 dev twdrop0 nud permanent")
            + " || { echo 'NETNS-SETUP-FAILED'; exit 77; }; exec \"$@\"";

    @ReactorTest
    void aConnectThatNeverCompletesFailsWithTimeoutErrorAfterTheTimeout(ReactorBuilder builder) throws Exception {
        try (ChildJvm child = isolatedClient(builder, "127.0.0.2", CONNECT_TIMEOUT)) {
            assertEquals("RESULT [clientConnectionFailed TimeoutError, stopFactory]", child.expect("RESULT ", PATIENCE));
            double elapsed = Double.parseDouble(child.expect("ELAPSED ", PATIENCE).substring(8));
            assertTrue(elapsed >= CONNECT_TIMEOUT, "the timeout never fires early: " + elapsed);
            assertEquals("LEFT readers=0 writers=0 delayed=0", child.expect("LEFT ", PATIENCE),
                    "the abandoned socket is deregistered and closed, the timer gone");
        }
    }

    @ReactorTest
    void aHostNameThatCannotBeResolvedFailsWithDnsLookupError(ReactorBuilder builder) throws Exception {
        // ".invalid" never resolves (RFC 2606); in the namespace no name server can even be asked.
        try (ChildJvm child = isolatedClient(builder, "no-such-host.invalid", 30)) {
            assertEquals("RESULT [clientConnectionFailed DNSLookupError, stopFactory]", child.expect("RESULT ", PATIENCE));
            assertEquals("LEFT readers=0 writers=0 delayed=0", child.expect("LEFT ", PATIENCE),
                    "the connect timeout was cancelled with the failure");
        }
    }

    /**
     * Runs {@link IsolatedConnectMain} in a fresh network namespace and waits for it to exit; skips the
     * test when the namespace cannot be built here.
     */
    private static ChildJvm isolatedClient(ReactorBuilder builder, String host, double timeout) throws Exception {
        // Network namespaces are Linux's; elsewhere (the Windows JVM under Wine finds the host's
        // binaries on PATH, but cannot run them) there is no way to drop SYNs on loopback.
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "network namespaces exist only on Linux; this JVM runs on " + System.getProperty("os.name"));
        String unshare = ChildJvm.which("unshare");
        String ip = ChildJvm.which("ip");
        Assumptions.assumeTrue(unshare != null && ip != null,
                "needs unshare(1) and ip(8) to build a network namespace that drops SYNs; not found on PATH");
        List<String> wrapper = List.of(unshare, "-rn", "sh", "-c",
                "PATH=\"$PATH:" + ip.substring(0, ip.lastIndexOf('/')) + "\"; " + BLACKHOLE, "netns-client");
        ChildJvm child = ChildJvm.start(wrapper, IsolatedConnectMain.class, builder.backendName(), host, "9",
                String.valueOf(timeout));
        int status = child.waitFor(PATIENCE);
        String stderr = child.stderr();
        if (status == 77 || stderr.contains("unshare: ")) {
            child.close();
            Assumptions.abort("cannot build a private network namespace here: " + stderr.strip());
        }
        if (status != 0) {
            child.close();
            throw new AssertionError("client exited with " + status + ":\n" + stderr);
        }
        return child;
    }
}
