package dev.twine.tck;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * One invocation of a per-backend test template ({@link ReactorTest}, {@link ReactorPairTest},
 * {@code PollerTest}): the part every kind shares. An invocation whose backend is unavailable still
 * exists, so the report lists it, but is aborted before it runs with the reason (as Twisted skips a
 * reactor it cannot build); its clean-up is then not run, since nothing was set up.
 *
 * <p>A subclass resolves its kind's parameters and says what to do before and after an invocation that
 * does run. JUnit calls it on the test thread, one invocation at a time.
 */
public abstract class BackendInvocation implements BeforeEachCallback, AfterEachCallback {
    private final Optional<String> unavailable;

    /** @param unavailable why the invocation cannot run here, as the report should show it, or empty */
    protected BackendInvocation(Optional<String> unavailable) {
        this.unavailable = unavailable;
    }

    /** Why {@code backend} cannot be tested here, worded for the report, or empty when it can. */
    public static Optional<String> unavailability(dev.twine.spi.ReactorBackend<?> backend) {
        return backend.unavailabilityReason().map(reason -> backend.name() + " backend unavailable: " + reason);
    }

    /** True when the template method under {@code context} carries {@code annotation}. */
    public static boolean isTemplate(ExtensionContext context, Class<? extends Annotation> annotation) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, annotation)).orElse(false);
    }

    /** This invocation as JUnit's invocation context, displayed as {@code displayName}. */
    public final TestTemplateInvocationContext displayedAs(String displayName) {
        BackendInvocation self = this;
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return displayName;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(self);
            }
        };
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        if (unavailable.isPresent()) {
            throw new TestAbortedException(unavailable.get());
        }
        before(context);
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        if (unavailable.isEmpty()) {
            after(context);
        }
    }

    /** Runs before an invocation whose backend is available. Nothing by default. */
    protected void before(ExtensionContext context) throws Exception {
    }

    /** Runs after an invocation whose backend is available, whatever its outcome. */
    protected abstract void after(ExtensionContext context) throws Exception;
}
