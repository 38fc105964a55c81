package dev.twine.testing.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The fuzz target for the PROXY header parsers (semantics.md §3.18). In a normal build it runs once per input
 * kept in {@code src/test/resources/dev/twine/testing/fuzz/HAProxyFuzzTestInputs/haproxyHeader/};
 * {@code scripts/fuzz} runs it with {@code JAZZER_FUZZ=1} for a bounded time.
 */
class HAProxyFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void haproxyHeader(byte[] input) {
        ParserProperty.check(HAProxyTarget::new, input, HAProxyTarget.BOUND);
    }
}
