package dev.twine.tck.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactors;
import dev.twine.internet.ServerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server side of {@link TcpEmfileTest}, run in its own JVM (usually under {@code prlimit}) so that it
 * can use up every descriptor it has without harming the test's JVM.
 *
 * <p>It echoes on a port of the backend named by {@code args[0]} and obeys its standard input, one word a
 * line, answering on standard output:
 * <ul>
 *   <li>{@code FILL}: opens {@code /dev/null} until the process is out of descriptors, answers
 *       {@code FULL <n>};</li>
 *   <li>{@code RELEASE}: closes them again, answers {@code RELEASED};</li>
 *   <li>{@code COUNT}: answers {@code COUNT accepted=<n> lost=<n>};</li>
 *   <li>{@code STOP}: stops the reactor, answers {@code STOPPED accepted=<n> lost=<n>} and exits.</li>
 * </ul>
 * It starts by printing {@code PORT <n>}. Every class it may need is loaded before {@code FILL}: loading a
 * class from a directory on the class path opens a file, which is impossible once the table is full.
 */
public final class EmfileServerMain {
    private EmfileServerMain() {
    }

    public static void main(String[] args) throws Exception {
        IReactor reactor = Reactors.newReactor(args[0]);
        int[] accepted = {0};
        int[] lost = {0};
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                accepted[0]++;
            }

            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                lost[0]++;
            }
        }), 50, "127.0.0.1");
        preloadTwineClasses();
        List<FileChannel> ballast = new ArrayList<>();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = commands.readLine()) != null) {
                    String command = line.trim();
                    reactor.callFromThread(() -> obey(command, reactor, ballast, accepted, lost));
                }
            } catch (IOException e) {
                reactor.callFromThread(reactor::stop);
            }
        }, "commands");
        reader.setDaemon(true);
        reader.start();
        System.out.println("PORT " + port.getHost().port());
        System.out.flush();
        reactor.run();
        System.out.println("STOPPED accepted=" + accepted[0] + " lost=" + lost[0]);
        System.out.flush();
    }

    private static void obey(String command, IReactor reactor, List<FileChannel> ballast, int[] accepted, int[] lost) {
        switch (command) {
            case "FILL" -> {
                // Bounded: a JVM whose limit is far above what prlimit gives the test would stop here.
                for (int i = 0; i < 200_000; i++) {
                    try {
                        ballast.add(FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ));
                    } catch (IOException outOfDescriptors) {
                        break;
                    }
                }
                System.out.println("FULL " + ballast.size());
            }
            case "RELEASE" -> {
                for (FileChannel f : ballast) {
                    try {
                        f.close();
                    } catch (IOException ignored) {
                        // /dev/null closes.
                    }
                }
                ballast.clear();
                System.out.println("RELEASED");
            }
            case "COUNT" -> System.out.println("COUNT accepted=" + accepted[0] + " lost=" + lost[0]);
            case "STOP" -> reactor.stop();
            default -> System.out.println("UNKNOWN " + command);
        }
        System.out.flush();
    }

    /** Loads every Twine class found in class-path directories, without initialising them. */
    private static void preloadTwineClasses() throws IOException {
        ClassLoader loader = EmfileServerMain.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path root = Path.of(entry);
            Path twine = root.resolve("dev/twine");
            if (!Files.isDirectory(twine)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(twine)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String file = root.relativize(p).toString();
                    if (!file.endsWith(".class")) {
                        continue;
                    }
                    String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
                    try {
                        Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError unused) {
                        // A test class that needs JUnit, which this program never touches.
                    }
                }
            }
        }
    }
}
