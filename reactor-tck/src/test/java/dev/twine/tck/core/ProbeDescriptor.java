package dev.twine.tck.core;

import dev.twine.defer.Failure;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.spi.SelectableHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A reader and writer whose {@code doRead}/{@code doWrite} behaviour a test sets, and which records what
 * the reactor did to it. Reactor thread only.
 */
class ProbeDescriptor implements IReadDescriptor, IWriteDescriptor {
    final SelectableHandle handle;
    final String name;
    Callable<Exception> onRead = () -> null;
    Callable<Exception> onWrite = () -> null;
    int reads;
    int writes;
    final List<Failure> lost = new ArrayList<>();
    /** Events in order: "read", "write", "lost:<ExceptionClass>". */
    final List<String> events = new ArrayList<>();

    ProbeDescriptor(String name, SelectableHandle handle) {
        this.name = name;
        this.handle = handle;
    }

    @Override
    public SelectableHandle handle() {
        return handle;
    }

    @Override
    public Exception doRead() {
        reads++;
        events.add("read");
        return call(onRead);
    }

    @Override
    public Exception doWrite() {
        writes++;
        events.add("write");
        return call(onWrite);
    }

    @Override
    public void connectionLost(Failure reason) {
        lost.add(reason);
        events.add("lost:" + reason.type().getSimpleName());
    }

    @Override
    public String logPrefix() {
        return name;
    }

    @Override
    public String toString() {
        return "Probe[" + name + "]";
    }

    private static Exception call(Callable<Exception> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
