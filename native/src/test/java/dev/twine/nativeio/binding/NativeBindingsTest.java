package dev.twine.nativeio.binding;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binding rule of semantics.md §6.1, branch by branch. This module's tests run without the
 * Panama artifact on the class path, which is the case of a user who left it out.
 */
class NativeBindingsTest {

    @Test
    void automaticChoiceBeforeJdk22IsJnrAndSaysWhy() {
        NativeBindings.Choice choice = NativeBindings.choose(null, 17);
        assertEquals("jnr", choice.name());
        assertTrue(choice.reason().contains("JDK 17"), choice.reason());
        assertTrue(choice.panamaProblem().contains("needs JDK 22"), choice.panamaProblem());
    }

    @Test
    void automaticChoiceOnJdk22WithoutThePanamaArtifactFallsBackToJnrAndSaysWhy() {
        NativeBindings.Choice choice = NativeBindings.choose("auto", 25);
        assertEquals("jnr", choice.name());
        assertTrue(choice.reason().contains("twine-native-panama is not on the class or module path"),
                choice.reason());
    }

    @Test
    void forcedPanamaThatCannotLoadIsNotReplacedAndNamesTheReason() {
        NativeBindings.Choice old = NativeBindings.choose("panama", 17);
        assertNull(old.binding());
        assertTrue(old.reason().startsWith("twine.native=panama was asked for, but this is JDK 17"), old.reason());
        NativeBindings.Choice absent = NativeBindings.choose(" PANAMA ", 25);
        assertNull(absent.binding());
        assertTrue(absent.reason().contains("twine-native-panama is not on the class or module path"),
                absent.reason());
    }

    @Test
    void forcedJnrIsUsedOnAnyJdk() {
        NativeBindings.Choice choice = NativeBindings.choose("jnr", 25);
        assertEquals("jnr", choice.name());
        assertTrue(choice.binding() instanceof JnrBinding);
        assertEquals("forced by -Dtwine.native=jnr", choice.reason());
    }

    @Test
    void anUnknownNameIsRefusedWithTheAcceptedOnes() {
        NativeBindings.Choice choice = NativeBindings.choose("jni", 25);
        assertNull(choice.binding());
        assertEquals("twine.native is 'jni'; it must be panama, jnr or auto", choice.reason());
        assertEquals("none", choice.name());
    }
}
