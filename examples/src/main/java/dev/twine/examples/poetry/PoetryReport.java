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
 * {@code Got K poems in H:MM:SS.ffffff}, where K counts the poems actually received (the tutorial prints
 * the number of addresses; counting only successes keeps the line true when a server is down).
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

    /** The closing lines: bytes per poem received, then the count and the elapsed time. */
    void printSummary(Duration elapsed) {
        int got = 0;
        for (int i = 0; i < poems.length; i++) {
            if (poems[i] != null) {
                got++;
                Out.println("Task " + (i + 1) + ": " + poems[i].length + " bytes of poetry");
            }
        }
        Out.println("Got " + got + " poems in " + Elapsed.format(elapsed));
    }
}
