package dev.twine.nativeio.fault;

import dev.twine.nativeio.linux.LinuxBindings;

/**
 * Builds bindings whose calls fail as a {@link FaultPlan} says. Hand the result to a backend
 * (for example {@code new EpollBackend(FaultInjection.linux(LinuxBindings.load(), plan))}) to run
 * the real reactor over real sockets with injected faults.
 */
public final class FaultInjection {

    private FaultInjection() {
    }

    /** {@code bindings} with its socket and epoll calls decorated by {@code plan}. */
    public static LinuxBindings linux(LinuxBindings bindings, FaultPlan plan) {
        return bindings
                .withSockets(new FaultInjectingPosixSockets(bindings.sockets(), plan, bindings.socketAbi(), bindings.errno()))
                .withEpoll(new FaultInjectingLinuxEpoll(bindings.epoll(), plan, bindings.errno()));
    }
}
