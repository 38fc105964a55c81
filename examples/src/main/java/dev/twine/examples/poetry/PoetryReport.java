package dev.twine.examples.poetry;

import dev.twine.examples.Elapsed;
import dev.twine.examples.Out;
import java.time.Duration;

/**
 * What the three poetry clients print, in the tutorial's words, and when they are done.
 *
 * <p>Tasks are numbered from 1 in command-line order. While downloading: one
 * {@code Task N: got X bytes of poetry from HOST:PORT} line per chunk, {@code Failed to connect to: ADDRESS}
 * for a server that cannot be reached, and {@code Task N: poem failed: REASON} for a connection that broke
 * before a clean end. When every task has ended, {@link #printSummary(Duration)} prints
 * {@code Task N: T bytes of poetry} per poem received (T counts bytes) and
 * {@code Got N poems in H:MM:SS.ffffff}, where N is the number of addresses given, exactly as the
 * tutorial's clients print it ({@code len(addresses)}), even when a server refused the connection or a
 * poem broke off.
 *
 * <p>Threading: reactor thread only.
 */
final class PoetryReport {
    private final byte[][] poems;
    private final boolean[] ended;
    private final Runnable allDone;
    private int finished;

    /** A report for {@code tasks} downloads; {@code allDone} runs once, when the last one ends. */
    PoetryReport(int tasks, Runnable allDone) {
        this.poems = new byte[tasks][];
        this.ended = new boolean[tasks];
        this.allDone = allDone;
    }

    int tasks() {
        return poems.length;
    }

    void chunk(int task, int bytes, String from) {
        Out.println("Task " + task + ": got " + bytes + " bytes of poetry from " + from);
    }

    void poem(int task, byte[] poem) {
        poems[task - 1] = poem;
        end(task);
    }

    void failedToConnect(int task, Object destination) {
        Out.println("Failed to connect to: " + destination);
        end(task);
    }

    void failed(int task, String reason) {
        Out.println("Task " + task + ": poem failed: " + reason);
        end(task);
    }

    private void end(int task) {
        if (ended[task - 1]) {
            return;
        }
        ended[task - 1] = true;
        if (++finished == poems.length) {
            allDone.run();
        }
    }

    /** The closing lines: bytes per poem received, then the number of addresses and the elapsed time. */
    void printSummary(Duration elapsed) {
        for (int i = 0; i < poems.length; i++) {
            if (poems[i] != null) {
                Out.println("Task " + (i + 1) + ": " + poems[i].length + " bytes of poetry");
            }
        }
        // The tutorial prints len(addresses) here, not the number of poems that arrived.
        Out.println("Got " + poems.length + " poems in " + Elapsed.format(elapsed));
    }
}
