package dev.twine.examples;

import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backends every process test runs on: {@code select} always, and {@code epoll} where it is
 * available (Linux with the native library). Each program is started with {@code -Dtwine.reactor=NAME}.
 */
final class Backends {
    private Backends() {
    }

    /** Parameter source for {@code @MethodSource("dev.twine.examples.Backends#names")}. */
    static Stream<String> names() {
        List<String> names = new ArrayList<>();
        names.add("select");
        for (ReactorBackend b : Reactors.availableBackends()) {
            if (b.name().equals("epoll")) {
                names.add("epoll");
            }
        }
        return names.stream();
    }
}
