package dev.twine.tck;

import dev.twine.nativeio.binding.NativeBindings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The conformance suite ran on the binding its run was meant for: {@code .ci/jdk/test.sh} runs the
 * suite once per binding and sets {@code -Dtwine.expect.native}, so a row labelled "panama" cannot
 * silently have run on jnr-ffi (semantics.md §6.1).
 */
class NativeBindingInUseTest {

    @Test
    void theBindingInUseIsTheOneThisRunExpects() {
        String expected = System.getProperty("twine.expect.native");
        assumeTrue(expected != null && !expected.isBlank(), "no -Dtwine.expect.native for this run");
        assertEquals(expected, NativeBindings.choice().name(), NativeBindings.choice().describe());
    }
}
