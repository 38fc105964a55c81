package dev.twine.tck;

import dev.twine.testfixtures.OpenDescriptors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One invocation of a {@link ReactorPairTest} method ({@link ReactorTest} runs through twine-testing's
 * {@code @EveryBackend} instead): resolves its
 * {@link ReactorBuilder} parameters (in order), skips it when its backend is unavailable, and after it
 * runs the clean-up checks described on {@link ReactorBuilder}.
 */
final class ReactorInvocation extends BackendInvocation implements ParameterResolver {
    /** How long a descriptor closed by another thread (a peer's socket) may take to disappear. */
    private static final long SETTLE_MILLIS = 2_000;

    private final List<ReactorBuilder> builders;
    private List<String> descriptorsBefore;

    ReactorInvocation(List<ReactorBuilder> builders, Optional<String> unavailable) {
        super(unavailable);
        this.builders = builders;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ReactorBuilder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        int n = 0;
        for (int i = 0; i < parameter.getIndex(); i++) {
            if (parameter.getDeclaringExecutable().getParameterTypes()[i] == ReactorBuilder.class) {
                n++;
            }
        }
        if (n >= builders.size()) {
            throw new IllegalStateException(context.getDisplayName() + " asks for " + (n + 1)
                    + " ReactorBuilder parameters; this kind of test provides " + builders.size());
        }
        return builders.get(n);
    }

    @Override
    protected void before(ExtensionContext context) {
        descriptorsBefore = OpenDescriptors.supported() ? OpenDescriptors.list() : null;
    }

    @Override
    protected void after(ExtensionContext context) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        for (ReactorBuilder b : builders) {
            problems.addAll(b.cleanUp());
        }
        if (descriptorsBefore != null) {
            List<String> leaked = leakedDescriptors();
            if (!leaked.isEmpty()) {
                problems.add("descriptors leaked: " + leaked);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("reactor not left clean:\n  " + String.join("\n  ", problems));
        }
    }

    /** Descriptors open now that were not before, after letting other threads' closes land. */
    private List<String> leakedDescriptors() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        while (true) {
            List<String> now = OpenDescriptors.list();
            if (now.size() <= descriptorsBefore.size()) {
                return List.of();
            }
            if (System.nanoTime() > deadline) {
                now.removeAll(descriptorsBefore);
                return now;
            }
            Thread.sleep(20);
        }
    }
}
