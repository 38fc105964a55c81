/**
 * Twine's {@code kqueue} backend: the macOS and BSD backend on {@code kqueue(2)}, through jnr-ffi.
 *
 * <p>Provides {@link dev.twine.spi.ReactorBackend} (the module-path twin of this jar's
 * {@code META-INF/services} entry), so placing this module on the module path is enough for
 * {@code dev.twine.internet.Reactors} to find it; {@code -Dtwine.reactor=kqueue} selects it by name.
 */
module dev.twine.backend.kqueue {
    requires transitive dev.twine.nativeio;

    exports dev.twine.backend.kqueue;

    provides dev.twine.spi.ReactorBackend with dev.twine.backend.kqueue.KqueueBackend;
}
