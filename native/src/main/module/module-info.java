/**
 * Twine's operating-system calls (POSIX sockets, epoll, kqueue, Win32), bound with jnr-ffi.
 *
 * <p>Every binding package is exported without qualification: jnr-ffi generates each binding's
 * implementation in a class loader of its own, and that generated class (in an unnamed module) must be
 * able to implement the public binding interfaces declared here.
 *
 * <p>jnr-ffi and jffi are {@code requires static}: needed to compile the jnr-ffi binding, optional at run
 * time, so that an application on JDK 22+ (the Panama binding, module {@code dev.twine.nativeio.panama})
 * may leave them out. Module {@code dev.twine.nativeio.jnr} (artifact {@code twine-native-jnr}, which the
 * backends depend on) requires them and provides {@link dev.twine.nativeio.binding.NativeBinding}, so
 * wherever it is on the module path, service binding resolves it and jnr-ffi with it, and this module
 * reads them. A JVM that chose Panama loads no class of either.
 *
 * <p>{@code jdk.unsupported} is required because {@code posix.DirectMemory}, jnr-ffi and jffi reach
 * {@code sun.misc.Unsafe}; requiring it here makes sure that module is resolved when an application is
 * launched with {@code java -m}.
 */
module dev.twine.nativeio {
    requires transitive dev.twine.reactor;
    requires static org.jnrproject.ffi;
    requires static org.jnrproject.jffi;
    requires jdk.unsupported;

    exports dev.twine.nativeio;
    exports dev.twine.nativeio.bsd;
    exports dev.twine.nativeio.linux;
    exports dev.twine.nativeio.posix;
    exports dev.twine.nativeio.windows;
    exports dev.twine.nativeio.binding;

    // The Panama binding (module dev.twine.nativeio.panama, JDK 22+) and the jnr-ffi one (module
    // dev.twine.nativeio.jnr) provide this; see NativeBindings.
    uses dev.twine.nativeio.binding.NativeBinding;
}
