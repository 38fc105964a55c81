package dev.twine.defer;

import java.util.ArrayList;
import java.util.List;

/** Twisted's {@code defer.race} (semantics.md §1.11); public entry point {@link Deferred#race}. */
final class Race {
    private Race() {
    }

    @SuppressWarnings("unchecked")
    static <T> Deferred<IndexedResult<T>> race(List<? extends Deferred<? extends T>> deferreds) {
        List<Deferred<?>> inputs = List.copyOf(deferreds);
        // Cancelling the race cancels every input: nobody is left to receive their results. The result
        // Deferred is then fired by the inputs' failures, or by cancel() itself.
        Deferred<IndexedResult<T>> result = new Deferred<>(ignored -> {
            for (Deferred<?> d : inputs) {
                d.cancel();
            }
        });
        Failure[] failures = new Failure[inputs.size()];
        int[] failed = {0};
        Deferred<?>[] winner = {null};
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            Deferred<Object> input = (Deferred<Object>) inputs.get(i);
            input.addCallbacks(value -> {
                // Only the first success counts. A later one can come from a canceller that fires its
                // Deferred with a success; it is ignored.
                if (winner[0] == null) {
                    winner[0] = input;
                    for (Deferred<?> d : inputs) {
                        if (d != input) {
                            d.cancel();
                        }
                    }
                    result.callback(new IndexedResult<>(index, (T) value));
                }
                return null;
            }, failure -> {
                failures[index] = failure;
                if (++failed[0] == inputs.size()) {
                    result.errback(new FailureGroup(new ArrayList<>(List.of(failures))));
                }
                return null;
            });
        }
        return result;
    }
}
