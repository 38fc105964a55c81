/**
 * Twine's {@code select} backend: the portable backend on {@code java.nio.channels.Selector}; it needs no native code.
 *
 * <p>Provides {@link dev.twine.spi.ReactorBackend} (the module-path twin of this jar's
 * {@code META-INF/services} entry), so placing this module on the module path is enough for
 * {@code dev.twine.internet.Reactors} to find it; {@code -Dtwine.reactor=select} selects it by name.
 */
module dev.twine.backend.select {
    requires transitive dev.twine.reactor;

    exports dev.twine.backend.select;

    provides dev.twine.spi.ReactorBackend with dev.twine.backend.select.SelectBackend;
}
