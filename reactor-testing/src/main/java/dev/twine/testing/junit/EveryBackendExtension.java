package dev.twine.testing.junit;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Expands an {@link EveryBackend} method into one invocation per available backend, each displayed as
 * {@code [name]} and given its own {@link BackendInvocation} (fresh reactor, deadline, dirty check).
 * Stateless and thread-safe; JUnit creates and calls it.
 */
public final class EveryBackendExtension implements TestTemplateInvocationContextProvider {
    /** Comma-separated backend names to run on, e.g. {@code -Dtwine.test.backends=select,epoll}. */
    public static final String PROPERTY = "twine.test.backends";

    /** Made by JUnit through {@link org.junit.jupiter.api.extension.ExtendWith}. */
    public EveryBackendExtension() {
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, EveryBackend.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        EveryBackend settings = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, EveryBackend.class))
                .orElseThrow();
        List<Backends.Backend> backends = Backends.selected(settings.backendsProperty(),
                System.getProperty(settings.backendsProperty()), settings.reportUnavailable());
        if (backends.isEmpty()) {
            throw new IllegalStateException("no reactor backend is available: is a twine-backend-* jar on the "
                    + "test class path?");
        }
        return backends.stream().map(b -> invocation(b, settings.timeout()));
    }

    private static TestTemplateInvocationContext invocation(Backends.Backend backend, double timeoutSeconds) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + backend.name() + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new BackendInvocation(backend, timeoutSeconds));
            }
        };
    }
}
