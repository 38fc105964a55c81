package dev.twine.internet;

/**
 * Everything a Twine reactor provides: Twisted's posix reactor interfaces in one type. Get one from
 * {@link Reactors}. The implementation, {@link dev.twine.internet.base.ReactorBase}, releases its poller
 * when {@link #run()} returns after {@link #stop()}; a reactor that is never run (or only crashed) is
 * released with {@link dev.twine.internet.base.ReactorBase#close()}.
 */
public interface IReactor extends IReactorCore, IReactorTime, IReactorThreads, IReactorFDSet, IReactorTCP, IReactorSSL,
        IReactorUDP, IReactorMulticast, IReactorUNIX, IReactorUNIXDatagram {
    /** The backend this reactor runs on, e.g. {@code "epoll"}. */
    String backendName();
}
