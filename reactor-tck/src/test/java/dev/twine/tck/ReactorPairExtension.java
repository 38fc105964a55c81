package dev.twine.tck;

import dev.twine.spi.ReactorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Expands a {@link ReactorPairTest} method into one invocation per ordered pair (server, client) of
 * available backends, displayed as {@code [server=select, client=epoll]}, each with two
 * {@link ReactorBuilder}s passed in that order.
 */
public final class ReactorPairExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return BackendInvocation.isTemplate(context, ReactorPairTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<ReactorBackend<?>> available = TckBackends.requireAvailable();
        List<TestTemplateInvocationContext> pairs = new ArrayList<>();
        for (ReactorBackend<?> server : available) {
            for (ReactorBackend<?> client : available) {
                pairs.add(new ReactorInvocation(List.of(new ReactorBuilder(server), new ReactorBuilder(client)),
                        Optional.empty()).displayedAs("[server=" + server.name() + ", client=" + client.name() + "]"));
            }
        }
        return pairs.stream();
    }
}
