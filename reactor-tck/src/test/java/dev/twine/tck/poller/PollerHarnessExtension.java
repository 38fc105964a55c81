package dev.twine.tck.poller;

import dev.twine.spi.ReactorBackend;
import dev.twine.tck.TckBackends;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/** Expands a {@link PollerTest} method into one invocation per selected backend. */
public final class PollerHarnessExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, PollerTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return TckBackends.selected().stream().map(PollerHarnessExtension::invocation);
    }

    private static TestTemplateInvocationContext invocation(ReactorBackend<?> backend) {
        Optional<String> unavailable = backend.unavailabilityReason()
                .map(reason -> backend.name() + " backend unavailable: " + reason);
        Invocation invocation = new Invocation(backend, unavailable);
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + backend.name() + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(invocation);
            }
        };
    }

    /** Opens the harness for the parameter, skips an unavailable backend, closes the harness after. */
    private static final class Invocation implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
        private final ReactorBackend<?> backend;
        private final Optional<String> unavailable;
        private PollerHarness<?> harness;

        Invocation(ReactorBackend<?> backend, Optional<String> unavailable) {
            this.backend = backend;
            this.unavailable = unavailable;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PollerHarness.class;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            if (unavailable.isPresent()) {
                throw new TestAbortedException(unavailable.get());
            }
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            try {
                harness = open(backend);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not open the " + backend.name() + " poller", e);
            }
            return harness;
        }

        private static <H extends dev.twine.spi.SelectableHandle> PollerHarness<H> open(ReactorBackend<H> b)
                throws java.io.IOException {
            return new PollerHarness<>(b);
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            if (harness != null) {
                harness.close();
                harness = null;
            }
        }
    }
}
