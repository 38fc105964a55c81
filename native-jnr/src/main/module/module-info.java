/**
 * The jnr-ffi binding of Twine's native calls, for JDK 17 to 21: the module that puts jnr-ffi in the
 * module graph (see {@link dev.twine.nativeio.jnr.JnrBindingProvider} for why it is a module of its own).
 *
 * <p>{@code org.objectweb.asm} is required on jnr-ffi's behalf. jnr-ffi is an automatic module, which
 * declares no requirements, so on the module path nothing would resolve ASM (an explicit module), and
 * binding any library would fail with {@code NoClassDefFoundError: org/objectweb/asm/ClassVisitor}.
 */
module dev.twine.nativeio.jnr {
    requires dev.twine.nativeio;
    requires org.jnrproject.ffi;
    requires org.jnrproject.jffi;
    requires org.objectweb.asm;

    exports dev.twine.nativeio.jnr;

    provides dev.twine.nativeio.binding.NativeBinding with dev.twine.nativeio.jnr.JnrBindingProvider;
}
