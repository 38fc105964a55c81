package dev.twine.nativeio.jnr;

import dev.twine.nativeio.binding.JnrBinding;
import dev.twine.nativeio.binding.NativeBinding;

/**
 * The jnr-ffi {@link NativeBinding} as a service of module {@code dev.twine.nativeio.jnr}.
 *
 * <p><b>Why this exists.</b> {@code dev.twine.nativeio} needs jnr-ffi only on JDK 17 to 21, so it declares
 * it {@code requires static}: optional at run time, which lets a JDK 22+ application leave jnr-ffi out.
 * But the module system resolves an optional requirement only when some other module requires it. This
 * module does, and because it provides the service {@code dev.twine.nativeio} {@code uses}, module
 * resolution binds it (and so jnr-ffi, jffi and ASM) whenever it is on the module path, with no
 * {@code --add-modules}. Excluding the {@code twine-native-jnr} artifact removes all four at once.
 *
 * <p>{@code NativeBindings} still makes the choice (semantics.md §6.1): it takes this binding when
 * jnr-ffi's classes are visible and Panama is not chosen. On the class path this module adds nothing but
 * the dependency on jnr-ffi. Stateless and thread-safe.
 */
public final class JnrBindingProvider {

    private JnrBindingProvider() {
    }

    /**
     * The service provider method {@link java.util.ServiceLoader} calls on the module path. Touches no
     * native code and loads no jnr-ffi class: {@link JnrBinding} binds in each of its methods.
     *
     * @return a new jnr-ffi binding
     */
    public static NativeBinding provider() {
        return new JnrBinding();
    }
}
