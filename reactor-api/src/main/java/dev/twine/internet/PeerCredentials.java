package dev.twine.internet;

/**
 * Who is at the other end of a UNIX connection, as the kernel recorded it when the connection was made
 * (semantics.md §8.7): {@code SO_PEERCRED} on Linux (unix(7)), {@code LOCAL_PEERCRED} on the BSDs and macOS
 * (unix(4)). Immutable.
 *
 * @param pid the peer's process id, or {@code -1} where the OS does not say (the BSDs' {@code xucred} has
 *            no process id before FreeBSD 13)
 * @param uid the peer's effective user id
 * @param gid the peer's effective group id
 */
public record PeerCredentials(long pid, int uid, int gid) {
}
