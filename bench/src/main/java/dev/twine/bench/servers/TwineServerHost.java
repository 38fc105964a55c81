package dev.twine.bench.servers;

import dev.twine.bench.Stack;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServerHost} on a Twine reactor: the port is opened on the calling thread (the reactor's
 * thread until it runs, per {@code ReactorBase}'s threading rule), then the reactor runs on its own
 * thread until {@link #close()} asks it to stop through {@code callFromThread}.
 */
final class TwineServerHost implements ServerHost {

    private final IReactor reactor;
    private final Thread thread;
    private final int port;
    private final AtomicInteger accepted;

    private TwineServerHost(IReactor reactor, Thread thread, int port, AtomicInteger accepted) {
        this.reactor = reactor;
        this.thread = thread;
        this.port = port;
        this.accepted = accepted;
    }

    static ServerHost start(Stack stack, Service service, String host, int port, int backlog, TlsFiles tls) {
        IReactor reactor = stack.newReactor();
        AtomicInteger accepted = new AtomicInteger();
        ByteBuffer[] replies = service == Service.ECHO ? null : TwineResponder.replyBuffers(service);
        Factory factory = new Factory(() -> service == Service.ECHO ? new TwineEcho()
                : new TwineResponder(service.newScanner(), replies)) {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                accepted.incrementAndGet();
                return super.buildProtocol(addr);
            }
        };
        factory.noisy = false;
        IListeningPort listening = tls == null ? reactor.listenTCP(port, factory, backlog, host)
                : reactor.listenSSL(port, factory, dev.twine.internet.ssl.CertificateOptions.forServer(
                        dev.twine.internet.ssl.PrivateCertificate.loadPEM(tls.key(), tls.chain())), backlog, host);
        int bound = listening.getHost().port();
        Thread thread = new Thread(reactor::run, "twine-" + stack + "-" + service.name().toLowerCase());
        thread.setDaemon(true);
        thread.start();
        return new TwineServerHost(reactor, thread, bound, accepted);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int accepted() {
        return accepted.get();
    }

    @Override
    public long eventLoopThreadId() {
        return thread.getId();
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            reactor.callFromThread(() -> {
                if (reactor.running()) {
                    reactor.stop();
                }
            });
        }
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
