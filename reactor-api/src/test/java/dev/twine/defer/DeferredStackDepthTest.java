package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Processing is iterative: the stack depth at which a callback runs does not depend on how many Deferreds
 * are chained (Twisted's test_boundedStackDepth, #4593; and, beyond Twisted, chainDeferred and lock
 * hand-off, #9304). 10,000 links would overflow a recursive implementation's default stack.
 */
class DeferredStackDepthTest {
    private static final int DEEP = 10_000;

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    private static int stackDepth() {
        return StackWalker.getInstance().walk(frames -> (int) frames.count());
    }

    /** Twisted's chainDeferreds helper: top waits on inner1, which waits on inner2, ... which waits on last. */
    private static int depthOfImplicitChain(int howMany) {
        List<Integer> depth = new ArrayList<>();
        Deferred<Object> top = new Deferred<>();
        List<Deferred<Object>> inners = new ArrayList<>();
        for (int i = 0; i < howMany; i++) {
            inners.add(new Deferred<>());
        }
        Deferred<Object> last = new Deferred<>();
        Deferred<Object> inner = inners.get(inners.size() - 1);
        Deferred<Object> firstInner = inner;
        top.addCallback(ignored -> firstInner);
        top.addCallback(ignored -> depth.add(stackDepth()));
        for (int i = inners.size() - 2; i >= 0; i--) {
            Deferred<Object> newInner = inners.get(i);
            inner.addCallback(ignored -> newInner);
            inner = newInner;
        }
        inner.addCallback(ignored -> last);
        top.callback(null);
        for (Deferred<Object> d : inners) {
            d.callback(null);
        }
        assertTrue(depth.isEmpty());
        last.callback(null);
        return depth.get(0);
    }

    @Test
    void callbackStackDepthIsIndependentOfImplicitChainLength() {
        assertEquals(depthOfImplicitChain(1), depthOfImplicitChain(2));
        assertEquals(depthOfImplicitChain(1), depthOfImplicitChain(DEEP));
    }

    @Test
    void deferredsReturningDeferredsTenThousandDeepDeliverTheResult() {
        // #4593's shape: each callback returns the next, still unfired, Deferred.
        Deferred<Object> head = new Deferred<>();
        Deferred<Object> current = head;
        List<Deferred<Object>> all = new ArrayList<>();
        for (int i = 0; i < DEEP; i++) {
            Deferred<Object> next = new Deferred<>();
            all.add(next);
            current.addCallback(ignored -> next);
            current = next;
        }
        head.callback(null);
        for (int i = 0; i < DEEP - 1; i++) {
            all.get(i).callback(null);
        }
        List<Object> result = new ArrayList<>();
        head.addCallback(result::add);
        assertTrue(result.isEmpty());
        all.get(DEEP - 1).callback("bottom");
        assertEquals(List.of("bottom"), result);
    }

    private static int depthOfExplicitChain(int howMany) {
        List<Integer> depth = new ArrayList<>();
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> d = first;
        for (int i = 0; i < howMany; i++) {
            Deferred<Object> next = new Deferred<>();
            d.chainDeferred(next);
            d = next;
        }
        d.addCallback(r -> depth.add(stackDepth()));
        first.callback("go");
        return depth.get(0);
    }

    @Test
    void chainDeferredStackDepthIsIndependentOfChainLength() {
        assertEquals(depthOfExplicitChain(1), depthOfExplicitChain(2));
        assertEquals(depthOfExplicitChain(1), depthOfExplicitChain(DEEP));
    }

    @Test
    void longChainsOfAlreadyFiredDeferredsReturnedFromCallbacksDoNotRecurse() {
        Deferred<Integer> d = Deferred.succeed(0);
        for (int i = 0; i < DEEP; i++) {
            d = d.addDeferredCallback(n -> Deferred.succeed(n + 1));
        }
        assertEquals(DEEP, successResultOf(d));
    }

    @Test
    void cancellingTheOuterEndOfALongWaitingChainCancelsTheInnermost() {
        // chain.get(i) waits on chain.get(i + 1); fired from the inside out so each waits on a waiting one.
        List<Deferred<Object>> chain = new ArrayList<>();
        for (int i = 0; i <= DEEP; i++) {
            chain.add(new Deferred<>());
        }
        for (int i = 0; i < DEEP; i++) {
            Deferred<Object> next = chain.get(i + 1);
            chain.get(i).addCallback(ignored -> next);
        }
        for (int i = DEEP - 1; i >= 0; i--) {
            chain.get(i).callback(null);
        }
        Deferred<Object> head = chain.get(0);
        Deferred<Object> current = chain.get(DEEP);
        assertTrue(head.paused());
        Deferred<Object> innermost = current;
        head.cancel();
        assertTrue(innermost.called());
        // The innermost CancelledError travelled all the way up; every Deferred on the way holds null.
        DeferredTesting.failureResultOf(head, CancelledError.class);
        assertEquals(null, successResultOf(innermost));
    }
}
