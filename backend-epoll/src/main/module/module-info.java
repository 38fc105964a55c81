/**
 * Twine's {@code epoll} backend: the Linux backend on {@code epoll(7)}, through jnr-ffi.
 *
 * <p>Provides {@link dev.twine.spi.ReactorBackend} (the module-path twin of this jar's
 * {@code META-INF/services} entry), so placing this module on the module path is enough for
 * {@code dev.twine.internet.Reactors} to find it; {@code -Dtwine.reactor=epoll} selects it by name.
 */
module dev.twine.backend.epoll {
    requires transitive dev.twine.nativeio;

    exports dev.twine.backend.epoll;

    provides dev.twine.spi.ReactorBackend with dev.twine.backend.epoll.EpollBackend;
}
