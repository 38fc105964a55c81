package dev.twine.tck;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Expands a {@link ReactorTest} method into one invocation per backend, each displayed as
 * {@code [name]} and given its own {@link ReactorBuilder}. Unavailable backends still get an invocation,
 * which is skipped with the backend's reason, so a report shows what was not tested and why.
 */
public final class ReactorBuilderExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return BackendInvocation.isTemplate(context, ReactorTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return TckBackends.requireSelected().stream()
                .map(backend -> new ReactorInvocation(List.of(new ReactorBuilder(backend)),
                        BackendInvocation.unavailability(backend)).displayedAs("[" + backend.name() + "]"));
    }
}
