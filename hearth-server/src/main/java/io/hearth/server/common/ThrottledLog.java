package io.hearth.server.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * Warnings that can repeat at the rate of requests (every failed send while the database is away, every bad
 * message of an attacker): each key is logged in full at most once per interval, and the repeats in between are
 * counted and named in the next line, so one failure can never flood the log. At most {@link #MAX_KEYS} keys are
 * kept apart; others share one. Any thread.
 */
public final class ThrottledLog {

    static final int MAX_KEYS = 1024;
    private static final String OTHER = "(other)";

    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public ThrottledLog(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** Logs {@code format} with {@code args} (a Throwable last gets its stack trace) unless {@code key} was logged within the interval. */
    public void warn(String key, String format, Object... args) {
        emit(key, format, args, log::warn);
    }

    /** Like {@link #warn}, at INFO (the events log). */
    public void info(String key, String format, Object... args) {
        emit(key, format, args, log::info);
    }

    private void emit(String key, String format, Object[] args, BiConsumer<String, Object[]> sink) {
        String k = windows.size() >= MAX_KEYS && !windows.containsKey(key) ? OTHER : key;
        Window w = windows.computeIfAbsent(k, x -> new Window());
        long now = System.nanoTime();
        long next = w.next.get();
        if (now - next < 0 || !w.next.compareAndSet(next, now + intervalNanos)) {
            w.suppressed.incrementAndGet();
            return;
        }
        long suppressed = w.suppressed.getAndSet(0);
        if (suppressed == 0) {
            sink.accept(format, args);
        } else {
            sink.accept(format + " (and " + suppressed + " more like it not logged in the last "
                    + TimeUnit.NANOSECONDS.toSeconds(intervalNanos) + " s)", args);
        }
    }

    /** The next time a key may be logged, and the repeats not logged since the last line. */
    private static final class Window {
        final AtomicLong next = new AtomicLong(System.nanoTime());
        final AtomicLong suppressed = new AtomicLong();
    }
}
