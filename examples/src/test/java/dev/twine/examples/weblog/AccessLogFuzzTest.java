package dev.twine.examples.weblog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.testing.fuzz.ParserProperty;

/**
 * Fuzz target for the weblog example's access-log parsing. A normal build runs the regression inputs in
 * {@code src/test/resources/dev/twine/examples/weblog/AccessLogFuzzTestInputs/}; {@code scripts/fuzz}
 * fuzzes it for a bounded time.
 */
class AccessLogFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void accessLog(byte[] input) {
        ParserProperty.check(AccessLogTarget::new, input, 0);
    }
}
