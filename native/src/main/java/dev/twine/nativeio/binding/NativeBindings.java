package dev.twine.nativeio.binding;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the {@link NativeBinding} this JVM uses, once, and says why.
 *
 * <p><b>The rule.</b> With {@value #PROPERTY} unset (or {@code auto}): the Panama binding on JDK
 * {@value #PANAMA_MINIMUM_FEATURE} or later when its artifact ({@code twine-native-panama}) is on
 * the class or module path, jnr-ffi otherwise. {@code -Dtwine.native=panama} or {@code =jnr} forces
 * one; a forced binding that cannot load is not replaced by the other: every call to
 * {@link #current()} then throws an {@link IllegalStateException} naming the reason, so the first
 * reactor to start fails with it (semantics.md §6.1).
 *
 * <p><b>Why jnr-ffi is named only in {@link JnrBinding}.</b> This class mentions no jnr-ffi type, and
 * {@link JnrBinding} is instantiated only when jnr-ffi is chosen, so a JVM on the Panama binding
 * never loads a jnr-ffi class and an application can exclude jnr-ffi from its dependencies.
 *
 * <p>Thread-safe: the choice is made in a class initializer, which the JVM runs once.
 */
public final class NativeBindings {

    /** System property forcing a binding: {@code panama}, {@code jnr} or {@code auto}. */
    public static final String PROPERTY = "twine.native";
    /** The Panama binding's name. */
    public static final String PANAMA = "panama";
    /** The first JDK feature release where {@code java.lang.foreign} is final (JEP 454). */
    public static final int PANAMA_MINIMUM_FEATURE = 22;

    private NativeBindings() {
    }

    /**
     * The outcome of the choice: the binding, or the reason none could be used.
     *
     * @param binding        the binding in use, or {@code null} when the forced one failed
     * @param reason         why this binding was chosen, or why the forced one failed
     * @param panamaProblem  why the Panama binding is not in use, or {@code null} when it is
     */
    public record Choice(NativeBinding binding, String reason, String panamaProblem) {

        /** The binding's name, or {@code "none"}. */
        public String name() {
            return binding == null ? "none" : binding.name();
        }

        /** For diagnostics: {@code "panama: JDK 25 >= 22 and twine-native-panama is present"}. */
        public String describe() {
            return name() + ": " + reason;
        }
    }

    private static final class Holder {
        static final Choice CHOICE = choose(System.getProperty(PROPERTY), Runtime.version().feature());
    }

    /** The choice made for this JVM (computed on first use). */
    public static Choice choice() {
        return Holder.CHOICE;
    }

    /**
     * The binding in use.
     *
     * @throws IllegalStateException naming the reason when the binding forced by
     *                               {@value #PROPERTY} cannot load
     */
    public static NativeBinding current() {
        Choice choice = Holder.CHOICE;
        if (choice.binding() == null) {
            throw new IllegalStateException(choice.reason());
        }
        return choice.binding();
    }

    /**
     * Applies the rule to a requested name and a JDK feature number. Package-private for tests,
     * which check every branch without starting a JVM per case.
     */
    static Choice choose(String requested, int feature) {
        String wanted = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(java.util.Locale.ROOT);
        switch (wanted) {
            case "auto": {
                String problem = panamaProblem(feature);
                if (problem == null) {
                    NativeBinding panama = loadPanama();
                    if (panama != null) {
                        return new Choice(panama, "JDK " + feature + " >= " + PANAMA_MINIMUM_FEATURE
                                + " and the Panama binding (twine-native-panama) is present", null);
                    }
                    problem = "twine-native-panama is not on the class or module path";
                }
                String jnrProblem = jnrProblem();
                if (jnrProblem != null) {
                    return new Choice(null, "no native binding can load: Panama: " + problem + "; jnr-ffi: "
                            + jnrProblem, problem);
                }
                return new Choice(new JnrBinding(), "the Panama binding is not usable (" + problem + ")", problem);
            }
            case PANAMA: {
                String problem = panamaProblem(feature);
                NativeBinding panama = problem == null ? loadPanama() : null;
                if (problem == null && panama == null) {
                    problem = "twine-native-panama is not on the class or module path";
                }
                if (panama == null) {
                    return new Choice(null, PROPERTY + "=panama was asked for, but " + problem, problem);
                }
                return new Choice(panama, "forced by -D" + PROPERTY + "=panama", null);
            }
            case JnrBinding.NAME: {
                String jnrProblem = jnrProblem();
                if (jnrProblem != null) {
                    return new Choice(null, PROPERTY + "=jnr was asked for, but " + jnrProblem, "not asked for");
                }
                return new Choice(new JnrBinding(), "forced by -D" + PROPERTY + "=jnr", "not asked for (-D"
                        + PROPERTY + "=jnr)");
            }
            default:
                return new Choice(null, PROPERTY + " is '" + requested + "'; it must be panama, jnr or auto",
                        "not asked for");
        }
    }

    private static String panamaProblem(int feature) {
        if (feature < PANAMA_MINIMUM_FEATURE) {
            return "this is JDK " + feature + " and the Panama binding needs JDK " + PANAMA_MINIMUM_FEATURE
                    + " or later (java.lang.foreign is final from JDK 22, JEP 454)";
        }
        return null;
    }

    /**
     * The Panama binding through {@link ServiceLoader}, or null when it is absent. A provider that
     * cannot load (compiled for a later JDK than this one, say) is skipped like an absent one.
     */
    private static NativeBinding loadPanama() {
        ServiceLoader<NativeBinding> loader = ServiceLoader.load(NativeBinding.class, NativeBindings.class.getClassLoader());
        var providers = loader.iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return null;
                }
                NativeBinding candidate = providers.next();
                if (PANAMA.equals(candidate.name())) {
                    return candidate;
                }
            } catch (ServiceConfigurationError | LinkageError unusable) {
                // Keep looking: one broken provider must not hide another.
            }
        }
    }

    /** Null when jnr-ffi's classes are present, else a sentence saying they are not. */
    private static String jnrProblem() {
        try {
            Class.forName("jnr.ffi.LibraryLoader", false, NativeBindings.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError absent) {
            return "jnr-ffi (com.github.jnr:jnr-ffi) is not on the class or module path";
        }
    }
}
