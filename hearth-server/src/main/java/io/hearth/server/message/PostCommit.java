package io.hearth.server.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after a batch is committed, in commit order, on the single dispatch thread of the
 * {@link TimelineWriter}: the senders' futures complete (their replies are written from here) and the new entries
 * are handed to {@link Delivery}, then each new message is published as {@link MessageStored}. Keeping both on one thread keeps a session's replies and pushes in seq order.
 */
final class PostCommit implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PostCommit.class);

    private final CommitOutput output;
    private final List<CompletableFuture<StoredMessage>> futures;
    private final List<Object> results;
    private final List<StoredMessage> written;
    private final List<StoredMessage> changed;
    private final List<TimelineEntry> entries;
    private final List<Delivery.UserPush> hints;
    private final List<SharedEntry> shared;
    private final Map<String, Long> sharedHints;

    /**
     * {@code futures.get(i)} completes with {@code results.get(i)}, a {@link StoredMessage} or the exception to fail
     * with; {@code written} are the new messages, {@code changed} the changed ones (their entries carry them as
     * they are now); {@code hints} are pushes of a head only, for the users of retried
     * sends; {@code shared} the new shared entries and {@code sharedHints} the heads of shared timelines with
     * retried sends.
     */
    PostCommit(CommitOutput output, List<CompletableFuture<StoredMessage>> futures, List<Object> results,
               List<StoredMessage> written, List<StoredMessage> changed, List<TimelineEntry> entries,
               List<Delivery.UserPush> hints,
               List<SharedEntry> shared, Map<String, Long> sharedHints) {
        this.output = output;
        this.futures = futures;
        this.results = results;
        this.written = written;
        this.changed = changed;
        this.entries = entries;
        this.hints = hints;
        this.shared = shared;
        this.sharedHints = sharedHints;
    }

    @Override
    public void run() {
        for (int i = 0; i < futures.size(); i++) {
            if (results.get(i) instanceof Throwable t) {
                futures.get(i).completeExceptionally(t);
            } else {
                futures.get(i).complete((StoredMessage) results.get(i));
            }
        }
        Map<Long, StoredMessage> byUid = new HashMap<>(written.size() * 2);
        for (StoredMessage m : written) {
            byUid.put(m.messageUid(), m);
        }
        for (StoredMessage m : changed) {
            byUid.put(m.messageUid(), m);
        }
        Map<String, List<Delivery.Outgoing>> perUser = new LinkedHashMap<>();
        Map<String, Long> heads = new HashMap<>();
        Map<Long, List<String>> receivers = new LinkedHashMap<>();
        for (TimelineEntry e : entries) {
            StoredMessage m = byUid.get(e.messageUid());
            boolean own = e.userId().equals(m.sender());
            // a new message is not pushed back to the device that sent it; a change goes to every device
            String skip = own && m.state() == MessageStates.SENT ? m.fromClient() : null;
            perUser.computeIfAbsent(e.userId(), u -> new ArrayList<>())
                    .add(new Delivery.Outgoing(m.view(output.views().viewFor(m, e.userId()), e.seq()), skip));
            heads.put(e.userId(), e.seq());
            if (!own) {
                receivers.computeIfAbsent(m.messageUid(), u -> new ArrayList<>()).add(e.userId());
            }
        }
        List<Delivery.UserPush> pushes = new ArrayList<>(perUser.size() + hints.size());
        perUser.forEach((user, list) -> pushes.add(new Delivery.UserPush(user, list, heads.get(user))));
        for (Delivery.UserPush h : hints) {
            if (!perUser.containsKey(h.userId())) {
                pushes.add(h);
            }
        }
        try {
            output.delivery().deliver(pushes);
        } catch (RuntimeException ex) {
            log.warn("push of {} users failed; their clients will pull", pushes.size(), ex);
        }
        if (!shared.isEmpty() || !sharedHints.isEmpty()) {
            try {
                output.shared().committed(shared, sharedHints);
            } catch (RuntimeException ex) {
                log.warn("announcing {} shared entries failed; their readers will pull", shared.size(), ex);
            }
        }
        for (StoredMessage m : written) {
            output.events().publish(new MessageStored(m, receivers.getOrDefault(m.messageUid(), List.of())));
        }
        for (StoredMessage m : changed) {
            output.events().publish(new MessageChanged(m, receivers.getOrDefault(m.messageUid(), List.of())));
        }
    }
}
