package dev.twine.bench.sidebyside;

import dev.twine.bench.report.Suite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the stacks this machine can run, one per line (Twine's backends first, then Netty's), and
 * the ones it cannot on standard error with the reason. The side-by-side script reads the list.
 */
public final class ListStacks {

    private ListStacks() {
    }

    public static void main(String[] args) {
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> stacks = Suite.stacks(skipped);
        stacks.forEach(System.out::println);
        skipped.forEach((name, why) -> System.err.println("skipping " + name + ": " + why));
    }
}
