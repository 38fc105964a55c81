package dev.twine.internet.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The group's member choice for handed-off and client connections: round robin (semantics.md §5.2). */
class MemberChooserTest {

    @Test
    void roundRobinCyclesThroughEveryMemberInOrder() {
        MemberChooser chooser = new MemberChooser(3);
        int[] seen = new int[7];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = chooser.next();
        }
        assertEquals("[0, 1, 2, 0, 1, 2, 0]", Arrays.toString(seen));
    }
}
