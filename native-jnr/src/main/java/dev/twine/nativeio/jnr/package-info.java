/**
 * The jnr-ffi binding's module: {@link dev.twine.nativeio.jnr.JnrBindingProvider} and the dependency on
 * jnr-ffi, which {@code dev.twine.nativeio} needs only on JDK 17 to 21.
 */
package dev.twine.nativeio.jnr;
