/**
 * Every Twine backend in one module: requiring {@code dev.twine.all} (or depending on {@code twine-all})
 * puts the reactor and the select, epoll, kqueue and iocp backends on the module path, and the reactor
 * picks the best one the OS offers.
 *
 * <p>{@link dev.twine.all.Diagnostics} ({@code java -m dev.twine.all}) prints the backends found and the
 * one a reactor would use.
 */
module dev.twine.all {
    requires transitive dev.twine.reactor;
    requires dev.twine.backend.select;
    requires dev.twine.backend.epoll;
    requires dev.twine.backend.kqueue;
    requires dev.twine.backend.iocp;

    exports dev.twine.all;
}
