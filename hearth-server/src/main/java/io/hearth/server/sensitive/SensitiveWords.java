package io.hearth.server.sensitive;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.ThrottledLog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the shared word list. {@link #start} loads it, then polls the list's version row every
 * {@link #POLL} and rebuilds the {@link WordMatcher} when another node changed it, so a change anywhere is enforced
 * here within about a second (a failed poll is logged and tried again at the next). Changes made through this node
 * are applied to its copy as soon as they commit. {@link #matcher()} is read by send checks on event loops without a
 * lock; store work runs on the blocking executor and on the poller's own thread.
 */
public final class SensitiveWords implements AutoCloseable {

    static final Duration POLL = Duration.ofSeconds(1);
    /** Longest word, in characters (the column is 256 wide). */
    public static final int MAX_WORD = 256;
    /** Most words in one add or del call. */
    public static final int MAX_PER_CALL = 10_000;

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(SensitiveWords.class), 30,
            TimeUnit.SECONDS);

    private record Loaded(long version, WordMatcher matcher) {
    }

    private final SensitiveWordStore store;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-sensitive-poll");
        t.setDaemon(true);
        return t;
    });
    private volatile Loaded loaded = new Loaded(-1, WordMatcher.EMPTY);

    public SensitiveWords(SensitiveWordStore store, BlockingExecutor blocking, Clock clock) {
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Loads the list (on the calling thread: start-up) and starts the poller. */
    public SensitiveWords start() {
        refresh();
        poller.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("poll", "cannot reload the sensitive-word list; still enforcing version {}",
                        loaded.version(), e);
            }
        }, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The matcher of the newest list this node has loaded. */
    public WordMatcher matcher() {
        return loaded.matcher();
    }

    public CompletableFuture<Void> add(List<String> words) {
        Set<String> checked = check(words);
        return blocking.run(() -> {
            store.add(checked, clock.millis());
            refresh();
        });
    }

    public CompletableFuture<Void> remove(List<String> words) {
        Set<String> checked = check(words);
        return blocking.run(() -> {
            store.remove(checked);
            refresh();
        });
    }

    /** Every word of the shared list, as stored now (not this node's copy). */
    public CompletableFuture<List<String>> all() {
        return blocking.supply(store::all);
    }

    /** Reloads the list when its version moved. Serialised: the poller and the writers may call it at once. */
    private synchronized void refresh() {
        long version = store.version();
        if (version != loaded.version()) {
            List<String> words = store.all();
            loaded = new Loaded(version, new WordMatcher(words));
        }
    }

    /** 251 for an entry that is blank, too long or not storable, or too many entries. */
    static Set<String> check(List<String> words) {
        FieldCheck.count("words", words, MAX_PER_CALL);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w == null || w.isBlank()) {
                throw FieldCheck.invalid("words[" + i + "] is empty");
            }
            out.add(FieldCheck.text("words[" + i + "]", w, MAX_WORD));
        }
        return out;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
