/**
 * Twine's operating-system calls (POSIX sockets, epoll, kqueue, Win32), bound with jnr-ffi.
 *
 * <p>Every binding package is exported without qualification: jnr-ffi generates each binding's
 * implementation in a class loader of its own, and that generated class (in an unnamed module) must be
 * able to implement the public binding interfaces declared here.
 *
 * <p>{@code org.objectweb.asm} is required on jnr-ffi's behalf. jnr-ffi is an automatic module, which
 * declares no requirements, so on the module path nothing would resolve ASM (an explicit module), and
 * binding any library would fail with {@code NoClassDefFoundError: org/objectweb/asm/ClassVisitor}.
 * jnr-ffi 2.2 uses ASM's core package only.
 *
 * <p>{@code jdk.unsupported} is required because {@code posix.DirectMemory}, jnr-ffi and jffi reach
 * {@code sun.misc.Unsafe}; requiring it here makes sure that module is resolved when an application is
 * launched with {@code java -m}.
 */
module dev.twine.nativeio {
    requires transitive dev.twine.reactor;
    requires org.jnrproject.ffi;
    requires org.jnrproject.jffi;
    requires org.objectweb.asm;
    requires jdk.unsupported;

    exports dev.twine.nativeio;
    exports dev.twine.nativeio.bsd;
    exports dev.twine.nativeio.linux;
    exports dev.twine.nativeio.posix;
    exports dev.twine.nativeio.windows;
    exports dev.twine.nativeio.binding;

    // The Panama binding (module dev.twine.nativeio.panama, JDK 22+) provides this; see NativeBindings.
    uses dev.twine.nativeio.binding.NativeBinding;
}
