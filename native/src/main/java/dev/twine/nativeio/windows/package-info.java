/**
 * Windows calls for the IOCP backend: kernel32 (completion ports), ntdll ({@code IOCTL_AFD_POLL} on an
 * AFD helper handle) and ws2_32 (non-blocking Winsock sockets), bound by jnr-ffi or, on JDK 22+, by the
 * Panama binding ({@code twine-native-panama}), whichever {@code binding.NativeBindings} chose.
 *
 * <ul>
 *   <li>{@link dev.twine.nativeio.windows.Kernel32}, {@link dev.twine.nativeio.windows.NtDll},
 *       {@link dev.twine.nativeio.windows.Winsock}: the raw functions, primitives and addresses only;</li>
 *   <li>{@link dev.twine.nativeio.windows.WinLayout}: every Win64 structure offset and constant, checked
 *       against the mingw-w64 headers under Wine;</li>
 *   <li>{@link dev.twine.nativeio.windows.WinsockErrors}: Winsock error to POSIX errno name, in one place;</li>
 *   <li>{@link dev.twine.nativeio.windows.WinsockCalls}, {@link dev.twine.nativeio.windows.CompletionPort},
 *       {@link dev.twine.nativeio.windows.Afd}: the calls with their memory and error handling done once.</li>
 * </ul>
 * {@link dev.twine.nativeio.windows.Win32} binds the libraries on Windows only and otherwise reports why
 * not. The code is exercised by a real Windows JVM under Wine ({@code .ci/wine/run-tck.sh}), a Java 17
 * one, so on jnr-ffi; the Panama binding of these calls is checked on Linux only (native.md §7.4).
 */
package dev.twine.nativeio.windows;
