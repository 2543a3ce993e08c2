package io.hearth.client.sync;

import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.SuperGroupHead;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's position in each of its super groups' shared timelines (read diffusion), and the pulls that keep it
 * there: a {@code group_message} Notice, or a head in {@code session.info} after each (re)connect, above the last
 * seq read makes it pull {@code message.pull} type 2 for that group until caught up; one pull per group at a time.
 * Entries are handed to the sink in seq order, each once; this client's own sends are left out (by client message
 * id from the moment they are issued, and by message uid once stored: a send without a client message id whose
 * entry a pull brings before its result comes is delivered). A failed pull is retried with backoff on the same
 * session, a failed {@code session.info} too; a group the server refuses for good (9 not a member any more, 253 no
 * such group) is no longer followed.
 *
 * <p>Every method but {@link #seqs()} runs on the client's event loop, and the puller's futures complete there.
 */
public final class SuperGroupSync {

    /** Sends {@code message.pull} type 2 for a group. */
    @FunctionalInterface
    public interface Puller {
        CompletableFuture<PullMessageResult> pull(String groupId, long sinceSeq, int limit);
    }

    /** Receives a group's new entries. */
    @FunctionalInterface
    public interface Sink {
        void accept(String groupId, List<Message> messages);
    }

    private static final Logger log = LoggerFactory.getLogger(SuperGroupSync.class);
    private static final int PULL_LIMIT = 500;
    private static final int OWN_SENDS_KEPT = 1024;

    private final String userId;
    private final java.util.function.Predicate<Throwable> refused;
    private final Puller puller;
    private final Supplier<CompletableFuture<SessionInfoResult>> sessionInfo;
    private final Sink sink;
    private final ScheduledExecutorService loop;
    private final Backoff backoff;
    /** Last seq read per group; written on the loop, readable anywhere. */
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    /** The head each group is known to have reached. */
    private final Map<String, Long> wanted = new HashMap<>();
    private final Set<String> pulling = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<Long> ownSends = bounded();
    /** client_message_id of this client's sends, from the moment they are issued (a pull may beat the result). */
    private final Set<String> ownClientIds = bounded();
    private boolean active;
    private int epoch;

    /**
     * {@code fromSeqs}: the last seq read of each group by an earlier client of this user (empty: none);
     * {@code refused}: whether a pull's failure is the server's final word on that group (not a member, no such
     * group), after which the group is no longer followed.
     */
    public SuperGroupSync(String userId, java.util.function.Predicate<Throwable> refused, Puller puller, Supplier<CompletableFuture<SessionInfoResult>> sessionInfo, Sink sink,
                          ScheduledExecutorService loop, Backoff backoff, Map<String, Long> fromSeqs) {
        this.userId = userId;
        this.refused = refused;
        this.puller = puller;
        this.sessionInfo = sessionInfo;
        this.sink = sink;
        this.loop = loop;
        this.backoff = backoff;
        this.lastSeq.putAll(fromSeqs);
    }

    /** The last seq read of each super group; safe from any thread. Persist it to start the next client there. */
    public Map<String, Long> seqs() {
        return Map.copyOf(lastSeq);
    }

    /** A session is established: compare the heads of {@code session.info} and pull what is newer. */
    public void onConnected() {
        epoch++;
        active = true;
        pulling.clear();
        // notices that came while the session was being set up (or before a loss) are not lost
        List.copyOf(wanted.keySet()).forEach(this::pump);
        askHeads(epoch, 0);
    }

    private void askHeads(int asked, int failed) {
        sessionInfo.get().whenComplete((info, error) -> {
            if (asked != epoch) {
                return;
            }
            if (error != null) {
                long delay = backoff.delayMillis(failed);
                log.debug("session.info for the super groups failed, again in {} ms: {}", delay, error.toString());
                loop.schedule(() -> {
                    if (asked == epoch) {
                        askHeads(asked, failed + 1);
                    }
                }, delay, TimeUnit.MILLISECONDS);
                return;
            }
            for (SuperGroupHead h : info.getSuperGroupHeadsList()) {
                announce(h.getGroupId(), h.getHead());
            }
        });
    }

    /** The session is gone: forget the pulls in flight. */
    public void onDisconnected() {
        epoch++;
        active = false;
        pulling.clear();
    }

    /** A Notice pushed to the session; only {@code group_message} concerns this sync. */
    public void onNotice(Notice notice) {
        if (notice.getKind().equals(NoticeKinds.GROUP_MESSAGE) && !notice.getTarget().isEmpty()) {
            announce(notice.getTarget(), notice.getVersion());
        }
    }

    /** This client is sending a message with this client message id (may be empty): never delivered back. */
    public void onSendIssued(String clientMessageId) {
        if (!clientMessageId.isEmpty()) {
            ownClientIds.add(clientMessageId);
        }
    }

    /** This client's send failed or its outcome is unknown: if it was stored after all, it is delivered. */
    public void onSendFailed(String clientMessageId) {
        ownClientIds.remove(clientMessageId);
    }

    /** This client's send of {@code messageUid} was stored: not delivered when a pull returns it. */
    public void onOwnSend(long messageUid) {
        ownSends.add(messageUid);
    }

    private boolean own(Message m) {
        // a change of an own message (state above 0) is news to every device
        return m.getState() == 0 && ownSends.contains(m.getMessageUid())
                || m.getSender().equals(userId) && ownClientIds.contains(m.getClientMessageId());
    }

    private static <T> Set<T> bounded() {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > OWN_SENDS_KEPT;
            }
        });
    }

    private void announce(String groupId, long head) {
        wanted.merge(groupId, head, Math::max);
        pump(groupId);
    }

    private void pump(String groupId) {
        long last = lastSeq.getOrDefault(groupId, 0L);
        if (!active || pulling.contains(groupId) || wanted.getOrDefault(groupId, 0L) <= last) {
            return;
        }
        pulling.add(groupId);
        int pullEpoch = epoch;
        long wantedAtStart = wanted.get(groupId);
        puller.pull(groupId, last, PULL_LIMIT).whenComplete((r, error) -> {
            if (pullEpoch != epoch) {
                return;
            }
            pulling.remove(groupId);
            if (error != null && refused.test(error)) {
                log.info("super group {} no longer readable ({}); not followed any more", groupId, error.toString());
                forget(groupId);
                return;
            }
            if (error != null) {
                retry(groupId, error, pullEpoch);
                return;
            }
            failures.remove(groupId);
            List<Message> fresh = r.getMessagesList().stream()
                    .filter(m -> m.getSeq() > last && !own(m)).toList();
            long current = Math.max(last, r.getCurrent());
            lastSeq.put(groupId, current);
            // a notice that came during the pull may be of an entry the pull began too early to see
            boolean announcedMeanwhile = wanted.get(groupId) > wantedAtStart;
            wanted.merge(groupId, r.getHead(), Math::max);
            if (!fresh.isEmpty()) {
                sink.accept(groupId, fresh);
            }
            if (current > last || announcedMeanwhile) {
                pump(groupId);
            }
        });
    }

    private void forget(String groupId) {
        wanted.remove(groupId);
        lastSeq.remove(groupId);
        failures.remove(groupId);
    }

    private void retry(String groupId, Throwable error, int pullEpoch) {
        int n = failures.merge(groupId, 1, Integer::sum);
        long delay = backoff.delayMillis(n - 1);
        log.warn("pull of super group {} from seq {} failed, retrying in {} ms: {}", groupId,
                lastSeq.getOrDefault(groupId, 0L), delay, error.toString());
        loop.schedule(() -> {
            if (pullEpoch == epoch) {
                pump(groupId);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
