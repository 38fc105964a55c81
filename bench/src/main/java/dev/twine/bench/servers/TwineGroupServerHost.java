package dev.twine.bench.servers;

import dev.twine.bench.Stack;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.Reactors;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServerHost} on a Twine {@code ReactorGroup} of N members ({@code --reactors N}): one factory per
 * member, each with its own reply buffers, behind the group's one port (kernel-balanced on Linux). The
 * accepted count is the one shared atomic; everything else stays on its member.
 */
final class TwineGroupServerHost implements ServerHost {

    private final ReactorGroup group;
    private final int port;
    private final AtomicInteger accepted;

    private TwineGroupServerHost(ReactorGroup group, int port, AtomicInteger accepted) {
        this.group = group;
        this.port = port;
        this.accepted = accepted;
    }

    static ServerHost start(Stack stack, Service service, String host, int port, int backlog, int reactors) {
        ReactorGroup group = ReactorGroup.create(Reactors.backend(stack.name()), reactors);
        AtomicInteger accepted = new AtomicInteger();
        GroupPort listening = group.listenTCP(port, () -> {
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
            return factory;
        }, backlog, host);
        group.start();
        return new TwineGroupServerHost(group, listening.getHost().port(), accepted);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int accepted() {
        return accepted.get();
    }

    /** Member 0's thread; the others are {@code twine-group-G-1} and up. */
    @Override
    public long eventLoopThreadId() {
        long[] id = {-1};
        java.util.concurrent.CountDownLatch known = new java.util.concurrent.CountDownLatch(1);
        group.callFromThread(0, () -> {
            id[0] = Thread.currentThread().getId();
            known.countDown();
        });
        try {
            known.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return id[0];
    }

    @Override
    public void close() {
        try {
            group.stop();
            group.awaitTermination(Duration.ofMillis(CLOSE_TIMEOUT_MILLIS));
        } catch (IllegalStateException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
