package dev.twine.tck.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * IPv4 multicast (semantics.md §7.7) made real without a network: {@link MulticastPingMain} runs in a child
 * JVM inside a private user and network namespace ({@code unshare -rn}) whose loopback has multicast on and
 * a route for 224.0.0.0/4, so the group's datagrams loop back and nothing leaves the namespace. Where user
 * namespaces, {@code unshare} or {@code ip} are unavailable the test is skipped with the reason.
 */
class MulticastTest {
    private static final double PATIENCE = 60;

    private static final String SETUP = String.join(" && ",
            "ip link set lo up",
            "ip link set lo multicast on",
            "ip route add 224.0.0.0/4 dev lo")
            + " || { echo 'NETNS-SETUP-FAILED'; exit 77; }; exec \"$@\"";

    @ReactorTest
    void aServerJoinedToAGroupAnswersAPingSentToTheGroupAndTheOptionsReadBack(ReactorBuilder builder) throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "network namespaces exist only on Linux; this JVM runs on " + System.getProperty("os.name"));
        String unshare = ChildJvm.which("unshare");
        String ip = ChildJvm.which("ip");
        Assumptions.assumeTrue(unshare != null && ip != null,
                "needs unshare(1) and ip(8) to build a network namespace with multicast on loopback; not found on PATH");
        List<String> wrapper = List.of(unshare, "-rn", "sh", "-c",
                "PATH=\"$PATH:" + ip.substring(0, ip.lastIndexOf('/')) + "\"; " + SETUP, "netns-multicast");
        try (ChildJvm child = ChildJvm.start(wrapper, MulticastPingMain.class, builder.backendName(), "228.0.0.5")) {
            int status = child.waitFor(PATIENCE);
            String stderr = child.stderr();
            if (status == 77 || stderr.contains("unshare: ")) {
                Assumptions.abort("cannot build a private network namespace here: " + stderr.strip());
            }
            assertEquals(0, status, "child exited with " + status + ":\n" + stderr);
            assertEquals("OPTIONS ttl=2 loopback=true interface=127.0.0.1", child.expect("OPTIONS ", PATIENCE));
            assertEquals("RESULT [joined, server got Ping, client got Pong]", child.expect("RESULT ", PATIENCE));
        }
    }
}
