package com.example.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuickStartTest {

    static List<String> availableBackends() {
        return Reactors.availableBackends().stream().map(ReactorBackend::name).toList();
    }

    @ParameterizedTest
    @MethodSource("availableBackends")
    void theServerEchoesTheClientsMessageOverLoopback(String backend) {
        assertEquals("hello, world", QuickStart.echoOnce(Reactors.newReactor(backend), "hello, world", 10));
    }

    @ParameterizedTest
    @MethodSource("availableBackends")
    void theClientSeesBytesBeyondAsciiUnchanged(String backend) {
        assertEquals("héllo, wörld ✓", QuickStart.echoOnce(Reactors.newReactor(backend), "héllo, wörld ✓", 10));
    }

    @Test
    void atLeastOneBackendIsAvailable() {
        assertFalse(availableBackends().isEmpty(), "twine-all brings every backend; select runs anywhere");
    }
}
