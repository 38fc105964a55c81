/**
 * Twine's {@code iocp} backend: the Windows backend on an I/O completion port with AFD poll readiness,
 * through the native binding {@code dev.twine.nativeio.binding.NativeBindings} chooses (Panama or jnr-ffi).
 *
 * <p>Provides {@link dev.twine.spi.ReactorBackend} (the module-path twin of this jar's
 * {@code META-INF/services} entry), so placing this module on the module path is enough for
 * {@code dev.twine.internet.Reactors} to find it; {@code -Dtwine.reactor=iocp} selects it by name.
 */
module dev.twine.backend.iocp {
    requires transitive dev.twine.nativeio;

    exports dev.twine.backend.iocp;

    provides dev.twine.spi.ReactorBackend with dev.twine.backend.iocp.IocpBackend;
}
