package dev.twine.tck;

import dev.twine.spi.ReactorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Expands a {@link ReactorPairTest} method into one invocation per ordered pair (server, client) of
 * available backends, displayed as {@code [server=select, client=epoll]}, each with two
 * {@link ReactorBuilder}s passed in that order.
 */
public final class ReactorPairExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, ReactorPairTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<ReactorBackend<?>> available = TckBackends.selectedAvailable();
        if (available.isEmpty()) {
            throw new IllegalStateException("no available reactor backend among " + TckBackends.names(TckBackends.selected()));
        }
        List<TestTemplateInvocationContext> pairs = new ArrayList<>();
        for (ReactorBackend<?> server : available) {
            for (ReactorBackend<?> client : available) {
                pairs.add(invocation(server, client));
            }
        }
        return pairs.stream();
    }

    private static TestTemplateInvocationContext invocation(ReactorBackend<?> server, ReactorBackend<?> client) {
        ReactorInvocation invocation = new ReactorInvocation(
                List.of(new ReactorBuilder(server), new ReactorBuilder(client)), Optional.empty());
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[server=" + server.name() + ", client=" + client.name() + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(invocation);
            }
        };
    }
}
