/**
 * kqueue for macOS and FreeBSD (and kqueue emulations on Linux), bound with jnr-ffi.
 *
 * <ul>
 *   <li>{@link dev.twine.nativeio.bsd.Kqueue}: {@code kqueue} and {@code kevent} in the flat
 *       {@code -errno} shape; {@link dev.twine.nativeio.bsd.JnrKqueue} binds them from the C library
 *       or from any library given by path ({@code twine.kqueue.library}).</li>
 *   <li>{@link dev.twine.nativeio.bsd.KeventLayout}: {@code struct kevent} per ABI (32 bytes on
 *       macOS, 64 on FreeBSD 12+) and the filter numbers that differ; never a hard-coded stride.
 *       {@link dev.twine.nativeio.bsd.KeventArray} reads and writes kevent arrays in direct memory at
 *       those offsets.</li>
 *   <li>{@link dev.twine.nativeio.bsd.KqueueConfig}, {@link dev.twine.nativeio.bsd.KqueueBindings}:
 *       which library and ABI to use, and everything a backend needs in one value (the socket and
 *       errno tables of the kernel underneath, from {@link dev.twine.nativeio.Platform}).</li>
 * </ul>
 *
 * <p>On Linux these classes are exercised against the project's own kqueue emulation (compiled from
 * {@code backend-kqueue/src/test/c/kqshim.c} by the tests, in both ABIs) and optionally against a
 * locally built libkqueue. Neither replaces a run on the real systems.
 */
package dev.twine.nativeio.bsd;
