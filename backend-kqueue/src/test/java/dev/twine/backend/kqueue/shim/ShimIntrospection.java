package dev.twine.backend.kqueue.shim;

import jnr.ffi.LibraryLoader;

import java.nio.file.Path;

/** The emulation's introspection calls: the C compiler's view of its ABI, the oracle for the Java tables. */
public interface ShimIntrospection {

    /** {@code sizeof(struct kevent)} in the build. */
    int kqshim_kevent_size();

    /** {@code offsetof(struct kevent, field)}: ident 0, filter 1, flags 2, fflags 3, data 4, udata 5, ext 6 (-1: none). */
    int kqshim_kevent_offset(int field);

    /** {@code EVFILT_USER} in the build. */
    int kqshim_evfilt_user();

    /** {@code "darwin"} or {@code "freebsd"}. */
    String kqshim_abi();

    /** Binds the library at {@code path}. */
    static ShimIntrospection load(Path path) {
        return LibraryLoader.create(ShimIntrospection.class).failImmediately().load(path.toString());
    }
}
