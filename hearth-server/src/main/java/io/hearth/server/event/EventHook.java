package io.hearth.server.event;

import io.hearth.server.common.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where state changes are published and listened to. {@link #publish} never blocks: it offers the event to the
 * bounded queue of every listener of its type; a listener runs on its own thread, one event at a time in publish
 * order. When a listener's queue is full the event is dropped for that listener only, counted in
 * {@code hearth.events.dropped{listener}} and logged: listeners get events at most once, so a listener that must
 * not lose one (webhooks) keeps its own durable record. A listener that throws is logged and keeps its thread.
 * Publish from any thread; listen at start-up.
 */
public final class EventHook implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventHook.class);
    private static final ThrottledLog throttled = new ThrottledLog(log, 10, TimeUnit.SECONDS);

    /** A hook without listeners, for tests and tools that need none. */
    public static EventHook none() {
        return new EventHook(null, 1);
    }

    private final MeterRegistry meters;
    private final int queueSize;
    private final List<Registered<?>> listeners = new CopyOnWriteArrayList<>();

    /** {@code queueSize}: events each listener may have waiting before new ones are dropped for it. */
    public EventHook(MeterRegistry meters, int queueSize) {
        this.meters = meters;
        this.queueSize = queueSize;
    }

    /** Adds a listener of events of {@code type} (and its subtypes), run on a thread named after it. */
    public <E> void listen(String name, Class<E> type, Consumer<? super E> listener) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "hearth-events-" + name);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        Counter dropped = meters == null ? null : meters.counter("hearth.events.dropped", "listener", name);
        if (meters != null) {
            Gauge.builder("hearth.events.queued", executor, e -> e.getQueue().size()).tag("listener", name)
                    .register(meters);
        }
        listeners.add(new Registered<>(name, type, listener, executor, dropped));
    }

    /** Hands the event to every listener of its type; returns at once. */
    public void publish(Object event) {
        for (Registered<?> r : listeners) {
            if (r.type.isInstance(event)) {
                r.offer(event);
            }
        }
    }

    /** Stops the listeners' threads after they have run what is queued (at most 5 s). */
    @Override
    public void close() {
        for (Registered<?> r : listeners) {
            r.executor.shutdown();
        }
        for (Registered<?> r : listeners) {
            try {
                if (!r.executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("event listener {} still busy after 5 s; {} events not handled", r.name,
                            r.executor.shutdownNow().size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Registered<E>(String name, Class<E> type, Consumer<? super E> listener,
                                 ThreadPoolExecutor executor, Counter dropped) {

        void offer(Object event) {
            E e = type.cast(event);
            try {
                executor.execute(() -> {
                    try {
                        listener.accept(e);
                    } catch (RuntimeException ex) {
                        throttled.warn(name + ".failed", "event listener {} failed on {}", name,
                                e.getClass().getSimpleName(), ex);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException full) {
                if (dropped != null) {
                    dropped.increment();
                }
                if (!executor.isShutdown()) {
                    throttled.warn(name, "event listener {} is behind by {} events; {} dropped for it", name,
                            executor.getQueue().size(), e.getClass().getSimpleName());
                }
            }
        }
    }
}
