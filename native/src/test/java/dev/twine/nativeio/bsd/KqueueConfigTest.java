package dev.twine.nativeio.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@code twine.kqueue.library} and {@code twine.kqueue.abi} choose the kqueue to use. */
class KqueueConfigTest {

    private String savedLibrary;
    private String savedAbi;

    @BeforeEach
    void save() {
        Platform.assumeLinux();
        Assumptions.assumeTrue(System.getenv(KqueueConfig.LIBRARY_ENV) == null
                && System.getenv(KqueueConfig.ABI_ENV) == null, "no kqueue environment variables set");
        savedLibrary = System.clearProperty(KqueueConfig.LIBRARY_PROPERTY);
        savedAbi = System.clearProperty(KqueueConfig.ABI_PROPERTY);
    }

    @AfterEach
    void restore() {
        restore(KqueueConfig.LIBRARY_PROPERTY, savedLibrary);
        restore(KqueueConfig.ABI_PROPERTY, savedAbi);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void linuxWithoutALibrarySaysHowToUseOne() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                KqueueConfig::fromEnvironment);
        assertTrue(e.getMessage().contains("macOS and FreeBSD"), e.getMessage());
        assertTrue(e.getMessage().contains(KqueueConfig.LIBRARY_PROPERTY), e.getMessage());
    }

    @Test
    void aLibraryOnLinuxNeedsAnAbi() {
        System.setProperty(KqueueConfig.LIBRARY_PROPERTY, "/opt/libkqueue.so");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                KqueueConfig::fromEnvironment);
        assertTrue(e.getMessage().contains(KqueueConfig.ABI_PROPERTY), e.getMessage());
    }

    @Test
    void aLibraryAndAnAbiAreTakenAsGiven() {
        System.setProperty(KqueueConfig.LIBRARY_PROPERTY, "/opt/libkqueue.so");
        System.setProperty(KqueueConfig.ABI_PROPERTY, "libkqueue");
        KqueueConfig config = KqueueConfig.fromEnvironment();
        assertEquals("/opt/libkqueue.so", config.library());
        assertEquals(KeventLayout.LIBKQUEUE, config.layout());
        assertTrue(config.describe().startsWith("/opt/libkqueue.so, libkqueue (32-byte"), config.describe());
    }

    @Test
    void aBlankLibraryMeansTheCLibrary() {
        KqueueConfig config = new KqueueConfig(" ", KeventLayout.DARWIN);
        assertNull(config.library());
        assertTrue(config.isSystem());
    }
}
