package dev.twine.tck;

import dev.twine.testing.junit.ReactorFixture;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link ReactorTest} method its {@link ReactorBuilder}, made over the invocation's
 * {@link ReactorFixture} so that every reactor it builds is covered by the extension's deadline and check.
 * The builder's background reactors are stopped by a fixture clean-up, before that check runs.
 */
final class ReactorBuilderResolver implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReactorBuilderResolver.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ReactorBuilder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(ReactorBuilder.class, key -> {
            ReactorFixture fixture = ReactorFixture.of(context);
            ReactorBuilder builder = new ReactorBuilder(fixture);
            fixture.addCleanup(() -> {
                List<String> problems = builder.stopBackgroundReactors();
                if (!problems.isEmpty()) {
                    throw new AssertionError(String.join("\n  ", problems));
                }
            });
            return builder;
        }, ReactorBuilder.class);
    }
}
