package dev.twine.internet.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the stall detector picks the callback to name from a reactor thread's stack (semantics.md §5.4). */
class StallDetectorCallbackTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }

    @Test
    void namesTheOutermostUserFrameAboveTheLoopNotTheJdkCallItIsBlockedIn() {
        StackTraceElement[] stack = {
            frame("java.lang.Thread", "sleep"),
            frame("com.example.Slow", "helper"),
            frame("com.example.Slow", "dataReceived"),
            frame("dev.twine.internet.Protocol", "dataReceived"),
            frame("dev.twine.internet.tcp.Connection", "doRead"),
            frame("dev.twine.internet.base.Dispatcher", "dispatch"),
            frame("dev.twine.backend.epoll.EpollPoller", "poll"),
            frame("dev.twine.internet.base.ReactorBase", "run"),
            frame("java.lang.Thread", "run"),
        };
        assertEquals("com.example.Slow.dataReceived", StallDetector.callbackOf(stack));
    }

    @Test
    void namesALambdaTimerThroughTheDeferredAndTimerMachinery() {
        StackTraceElement[] stack = {
            frame("com.example.App", "lambda$main$0"),
            frame("dev.twine.internet.base.TimerQueue", "runDueCalls"),
            frame("dev.twine.internet.base.ReactorBase", "runUntilCurrent"),
            frame("dev.twine.internet.base.ReactorBase", "run"),
            frame("com.example.App", "main"),
        };
        assertEquals("com.example.App.lambda$main$0", StallDetector.callbackOf(stack));
    }

    @Test
    void fallsBackToTheTopFrameWhenTheStallIsInsideTwineItself() {
        StackTraceElement[] stack = {
            frame("dev.twine.internet.base.DescriptorSet", "beforeWait"),
            frame("dev.twine.internet.base.ReactorBase", "run"),
        };
        assertEquals("dev.twine.internet.base.DescriptorSet.beforeWait", StallDetector.callbackOf(stack));
    }
}
