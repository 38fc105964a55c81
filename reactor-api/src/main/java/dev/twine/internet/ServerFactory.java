package dev.twine.internet;

import java.util.function.Supplier;

/** A factory for servers (Twisted's {@code ServerFactory}); it adds nothing but intent. */
public class ServerFactory extends Factory {
    public ServerFactory() {
    }

    public ServerFactory(Supplier<? extends IProtocol> protocol) {
        super(protocol);
    }
}
