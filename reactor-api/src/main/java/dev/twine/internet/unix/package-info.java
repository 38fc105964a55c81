/**
 * UNIX sockets over the shared stream transport (semantics.md §8): the listening target with its lock
 * file, mode and stale-file handling ({@link dev.twine.internet.unix.UnixListenTarget}), Twisted's
 * symbolic-link lock ({@link dev.twine.internet.unix.FilesystemLock}) and name syntax
 * ({@link dev.twine.internet.unix.UnixNames}). The port, connector and connection are those of
 * {@code dev.twine.internet.tcp}; the datagram ports (semantics.md §8.9) are in {@code dev.twine.internet.udp}.
 * Both bind through {@link dev.twine.internet.unix.UnixSocketFile}, the file rules written once.
 */
package dev.twine.internet.unix;
