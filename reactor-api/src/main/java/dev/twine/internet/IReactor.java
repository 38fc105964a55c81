package dev.twine.internet;

/**
 * Everything a Twine reactor provides: Twisted's posix reactor interfaces in one type. Get one from
 * {@link Reactors}.
 */
public interface IReactor extends IReactorCore, IReactorTime, IReactorThreads, IReactorFDSet, IReactorTCP {
    /** The backend this reactor runs on, e.g. {@code "epoll"}. */
    String backendName();
}
