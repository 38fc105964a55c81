/**
 * Twine's Panama binding: the native call interfaces of {@code dev.twine.nativeio} bound with
 * {@code java.lang.foreign} (JDK 22+). Found through {@link java.util.ServiceLoader} as a
 * {@link dev.twine.nativeio.binding.NativeBinding} and chosen by
 * {@link dev.twine.nativeio.binding.NativeBindings}; applications do not call these classes
 * directly. The hot-path rules every class here follows are in {@code Downcalls}.
 */
package dev.twine.nativeio.panama;
