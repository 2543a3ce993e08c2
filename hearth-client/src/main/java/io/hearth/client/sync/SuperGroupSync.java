package io.hearth.client.sync;

import io.hearth.client.HearthException;
import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
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
import java.util.concurrent.CompletionException;
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
 * entry a pull brings before its result comes is delivered). A failed pull is retried with backoff on the same session,
 * but one refused for good (9: no longer a member; 253: the group is gone) is not: the group is followed again when
 * a notice or {@code session.info} names it.
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

    /** {@code fromSeqs}: the last seq read of each group by an earlier client of this user (empty: none). */
    public SuperGroupSync(String userId, Puller puller, Supplier<CompletableFuture<SessionInfoResult>> sessionInfo, Sink sink,
                          ScheduledExecutorService loop, Backoff backoff, Map<String, Long> fromSeqs) {
        this.userId = userId;
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
        int asked = epoch;
        sessionInfo.get().whenComplete((info, error) -> {
            if (asked != epoch) {
                return;
            }
            if (error != null) {
                log.debug("session.info for the super groups failed; they pull on their next notice: {}",
                        error.toString());
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

    /** This client's send of {@code messageUid} was stored: not delivered when a pull returns it. */
    public void onOwnSend(long messageUid) {
        ownSends.add(messageUid);
    }

    private boolean own(Message m) {
        return ownSends.contains(m.getMessageUid())
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
        long asked = wanted.get(groupId);
        puller.pull(groupId, last, PULL_LIMIT).whenComplete((r, error) -> {
            if (pullEpoch != epoch) {
                return;
            }
            pulling.remove(groupId);
            // a notice that came while the pull was out may name entries the pull read too early to see
            boolean newer = wanted.getOrDefault(groupId, 0L) > asked;
            if (error != null && refused(error) && !newer) {
                // kicked, quit or dismissed: nothing to wait for until a notice or session.info names it again
                log.info("super group {} refused the pull ({}); not following it", groupId, error.getMessage());
                wanted.remove(groupId);
                failures.remove(groupId);
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
            // the server's head is the truth: what it cannot give (left before, or not readable) is not waited
            // for, unless a newer notice came meanwhile
            long served = Math.max(current, r.getHead());
            wanted.put(groupId, newer ? Math.max(wanted.get(groupId), served) : served);
            if (!fresh.isEmpty()) {
                sink.accept(groupId, fresh);
            }
            if (current > last || newer) {
                pump(groupId);
            }
        });
    }

    /** The server refused this user the group for good: 9 not a member, 253 no such group. */
    private static boolean refused(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof HearthException e
                && (e.code() == Status.NOT_IN_GROUP.code() || e.code() == Status.NOT_EXIST.code());
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
