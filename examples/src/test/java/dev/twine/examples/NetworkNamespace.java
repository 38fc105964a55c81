package dev.twine.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private user and network namespace for process tests that need a network nothing else shares, here
 * multicast: made with {@code unshare -rn} (unshare(1)), its loopback brought up with multicast on and a
 * route for 224.0.0.0/4, as reactor-tck's {@code MulticastTest} does for one child JVM. A holder process
 * ({@code sleep}) keeps the namespace alive; programs join it through {@link #enter()}, a
 * {@code nsenter(1)} prefix, so several processes (a server and its client) share the one namespace and
 * nothing they send leaves it.
 *
 * <p>Where namespaces cannot be made (not Linux, no {@code unshare}, {@code nsenter} or {@code ip}, user
 * namespaces disabled by the kernel or a container's seccomp policy) {@link #withMulticastLoopback()}
 * skips the calling test with the reason. {@link #close()} ends the holder, and with it the namespace once
 * its last member is gone. Not thread-safe; one test uses one instance.
 */
final class NetworkNamespace implements AutoCloseable {
    /** The namespace outlives any test that uses it by far, and is closed by the test anyway. */
    private static final int HOLD_SECONDS = 600;
    private static final long READY_SECONDS = 30;

    private final Process holder;
    private final String nsenter;

    private NetworkNamespace(Process holder, String nsenter) {
        this.holder = holder;
        this.nsenter = nsenter;
    }

    /**
     * A new namespace whose loopback carries IPv4 multicast (the group's datagrams loop back to members
     * on the same host, ip(7) IP_MULTICAST_LOOP), or the calling test skipped with the reason.
     */
    static NetworkNamespace withMulticastLoopback() throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "network namespaces exist only on Linux; this JVM runs on " + System.getProperty("os.name"));
        String unshare = which("unshare");
        String nsenter = which("nsenter");
        String ip = which("ip");
        Assumptions.assumeTrue(unshare != null && nsenter != null && ip != null,
                "needs unshare(1), nsenter(1) and ip(8) to build a network namespace; unshare=" + unshare
                        + " nsenter=" + nsenter + " ip=" + ip);
        String setup = String.join(" && ",
                ip + " link set lo up",
                ip + " link set lo multicast on",
                ip + " route add 224.0.0.0/4 dev lo")
                + " && echo READY && exec sleep " + HOLD_SECONDS;
        // unshare(1) without --fork execs sh in the new namespaces, and sh execs sleep: the holder's pid is the
        // process started here, which nsenter -t names.
        Process holder = new ProcessBuilder(unshare, "-rn", "sh", "-c", setup).redirectErrorStream(true).start();
        holder.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (said) {
                        said.append(line).append('\n');
                        said.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // The holder ended; what it said is kept.
            }
        }, "netns-holder");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        synchronized (said) {
            while (!said.toString().contains("READY\n") && holder.isAlive() && System.nanoTime() < deadline) {
                said.wait(100);
            }
            if (!said.toString().contains("READY\n")) {
                holder.destroyForcibly();
                holder.waitFor(10, TimeUnit.SECONDS);
                Assumptions.abort("cannot build a private network namespace here: " + said.toString().strip());
            }
        }
        return new NetworkNamespace(holder, nsenter);
    }

    /**
     * The command prefix that runs a program inside this namespace: {@code nsenter -t PID -U -n
     * --preserve-credentials}. The user namespace is entered too, since the network namespace belongs to
     * it; {@code --preserve-credentials} keeps the caller's uid and gid (nsenter(1)). nsenter execs the
     * program, so the process started with this prefix is the program itself.
     */
    List<String> enter() {
        return List.of(nsenter, "-t", Long.toString(holder.pid()), "-U", "-n", "--preserve-credentials");
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroyForcibly();
        holder.waitFor(30, TimeUnit.SECONDS);
    }

    /** The executable {@code name} on the PATH or in the sbin directories a non-root PATH may lack, or null. */
    private static String which(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }
}
