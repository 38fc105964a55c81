/**
 * Twine's test kit (Twisted's {@code twisted.internet.testing}): in-memory transports and reactors, an
 * in-memory pump between two protocols, a JUnit 5 extension that runs a test on every backend with
 * Twisted trial's dirty-reactor check, and the split-invariance property every parser is fuzzed against.
 * For test scope only.
 */
module dev.twine.testing {
    requires transitive dev.twine.reactor;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;
    requires org.opentest4j;
    requires java.logging;

    exports dev.twine.testing;
    exports dev.twine.testing.fuzz;
    exports dev.twine.testing.junit;

    // JUnit instantiates the extension reflectively.
    opens dev.twine.testing.junit to org.junit.platform.commons;
}
