package dev.twine.testing.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the line framers in reactor-api. In a normal build each runs once per input kept in
 * {@code src/test/resources/dev/twine/testing/fuzz/LineFramersFuzzTestInputs/<method>/} (the regression
 * corpus); {@code scripts/fuzz} runs each with {@code JAZZER_FUZZ=1} for a bounded time.
 */
class LineFramersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void lineReceiver(byte[] input) {
        ParserProperty.check(LineReceiverTarget::new, input, LineReceiverTarget.BOUND);
    }

    @FuzzTest(maxDuration = "10s")
    void lineOnlyReceiver(byte[] input) {
        ParserProperty.check(LineOnlyReceiverTarget::new, input, LineOnlyReceiverTarget.BOUND);
    }
}
