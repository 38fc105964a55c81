package dev.twine.bench.servers;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.testing.fuzz.ParserProperty;

/**
 * Fuzz targets for the bench servers' request scanners, through the protocol that uses them. A normal
 * build runs the regression inputs in {@code src/test/resources/dev/twine/bench/servers/ScannersFuzzTestInputs/};
 * {@code scripts/fuzz} fuzzes each for a bounded time.
 */
class ScannersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void httpRequestScanner(byte[] input) {
        ParserProperty.check(() -> new ResponderTarget(Service.HTTP), input, 0);
    }

    @FuzzTest(maxDuration = "10s")
    void respCommandScanner(byte[] input) {
        ParserProperty.check(() -> new ResponderTarget(Service.RESP), input, 0);
    }
}
