package dev.twine.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** FirstError's comparison (Twisted's {@code test_defer.FirstErrorTests.test_comparison}, semantics.md §3.12). */
class FirstErrorTest {

    @Test
    void equalWhenTheFailureAndTheIndexAreEqual() {
        Failure first = new Failure(new ArithmeticException("/ by zero"));
        FirstError one = new FirstError(first, 13);
        FirstError anotherOne = new FirstError(first, 13);
        assertEquals(one, anotherOne);
        assertEquals(one.hashCode(), anotherOne.hashCode());
    }

    @Test
    void differentWhenTheFailureOrTheIndexDiffers() {
        Failure first = new Failure(new ArithmeticException("/ by zero"));
        Failure second = new Failure(new IllegalArgumentException("bar"));
        FirstError one = new FirstError(first, 13);
        assertNotEquals(one, new FirstError(second, 9));
        assertNotEquals(one, new FirstError(second, 13));
        assertNotEquals(one, new FirstError(first, 9));
    }

    @Test
    void neverEqualToSomethingThatIsNotAFirstError() {
        FirstError one = new FirstError(new Failure(new ArithmeticException()), 10);
        assertNotEquals(one, (Object) 10);
        assertNotEquals(one, null);
    }
}
