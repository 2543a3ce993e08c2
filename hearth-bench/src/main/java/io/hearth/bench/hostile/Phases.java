package io.hearth.bench.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The run's phases in order, and the current one. Only the bench's main thread begins and ends phases; every other
 * thread reads {@link #current()} (volatile) or looks a phase up by the index carried in a message.
 */
final class Phases {

    private final List<PhaseStats> all = new CopyOnWriteArrayList<>();
    private volatile PhaseStats current;

    /** Ends the current phase and begins the next. */
    PhaseStats begin(String attack, String phase) {
        end();
        PhaseStats next = new PhaseStats(all.size(), attack, phase);
        all.add(next);
        current = next;
        return next;
    }

    void end() {
        PhaseStats c = current;
        if (c != null && c.endNanos == 0) {
            c.endNanos = System.nanoTime();
        }
    }

    PhaseStats current() {
        return current;
    }

    /** The phase of this index, or null (e.g. a message sent before the first phase). */
    PhaseStats get(int index) {
        return index >= 0 && index < all.size() ? all.get(index) : null;
    }

    List<PhaseStats> all() {
        return all;
    }
}
