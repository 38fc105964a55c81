package dev.twine.nativeio.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Entries are written and read at the layout's offsets and stride, full width, in every ABI. */
class KeventArrayTest {

    @ParameterizedTest
    @EnumSource(KeventLayout.class)
    void everyFieldRoundTripsAtFullWidth(KeventLayout layout) {
        KeventArray array = new KeventArray(layout, 3);
        array.put(1, 0xfedc_ba98_7654_3210L, (short) -11, 0xc021, 0xc100_0001, -7L, 0x8000_0000_0000_0001L);
        assertEquals(0xfedc_ba98_7654_3210L, array.ident(1));
        assertEquals(-11, array.filter(1));
        assertEquals(0xc021, array.flags(1), "flags are unsigned 16-bit");
        assertEquals(0xc100_0001, array.fflags(1));
        assertEquals(-7L, array.data(1));
        assertEquals(0x8000_0000_0000_0001L, array.udata(1));
        assertEquals(0, array.ident(0), "neighbours untouched");
        assertEquals(0, array.ident(2));
    }

    @ParameterizedTest
    @EnumSource(KeventLayout.class)
    void theStrideIsTheLayoutsSize(KeventLayout layout) {
        KeventArray array = new KeventArray(layout, 2);
        array.put(1, 42, (short) -1, 0, 0, 0, 0);
        assertEquals(42, array.ident(1));
        assertThrows(IndexOutOfBoundsException.class, () -> array.ident(2), "exactly two entries of this size");
    }

    @Test
    void freebsdExtIsZeroedByPutAndSettablePerSlot() {
        KeventArray array = new KeventArray(KeventLayout.FREEBSD, 1);
        array.ext(0, 3, 99);
        array.put(0, 1, (short) -1, 0, 0, 0, 0);
        assertEquals(0, array.ext(0, 3), "put clears ext, so no stale bytes reach the kernel");
        array.ext(0, 2, -5);
        assertEquals(-5, array.ext(0, 2));
    }

    @Test
    void darwinHasNoExt() {
        KeventArray array = new KeventArray(KeventLayout.DARWIN, 1);
        assertThrows(IllegalStateException.class, () -> array.ext(0, 0));
    }

    @Test
    void anArrayMayHaveMoreMemoryThanItsEntriesButNotLess() {
        KeventArray roomy = new KeventArray(KeventLayout.DARWIN, 4, 4 * 64);
        assertEquals(4, roomy.capacity());
        assertThrows(IllegalArgumentException.class, () -> new KeventArray(KeventLayout.FREEBSD, 4, 4 * 32));
    }
}
