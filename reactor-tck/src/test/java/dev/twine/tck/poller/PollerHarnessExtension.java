package dev.twine.tck.poller;

import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SelectableHandle;
import dev.twine.tck.BackendInvocation;
import dev.twine.tck.TckBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Expands a {@link PollerTest} method into one invocation per selected backend. */
public final class PollerHarnessExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return BackendInvocation.isTemplate(context, PollerTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return TckBackends.requireSelected().stream()
                .map(backend -> new Invocation(backend).displayedAs("[" + backend.name() + "]"));
    }

    /** Opens the harness for the parameter and closes it after; an unavailable backend is skipped. */
    private static final class Invocation extends BackendInvocation implements ParameterResolver {
        private final ReactorBackend<?> backend;
        private PollerHarness<?> harness;

        Invocation(ReactorBackend<?> backend) {
            super(unavailability(backend));
            this.backend = backend;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PollerHarness.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            try {
                harness = open(backend);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the " + backend.name() + " poller", e);
            }
            return harness;
        }

        private static <H extends SelectableHandle> PollerHarness<H> open(ReactorBackend<H> b) throws IOException {
            return new PollerHarness<>(b);
        }

        @Override
        protected void after(ExtensionContext context) throws IOException {
            if (harness != null) {
                harness.close();
                harness = null;
            }
        }
    }
}
