package io.hearth.server.cluster;

import static org.awaitility.Awaitility.await;

import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The end-of-test checks of a chat load against the server's truth: every user's whole timeline, pulled through its
 * SDK client, must hold exactly the acknowledged messages the user sent or received, each once, at seqs 1..n with no
 * gap, each sender's messages in the order sent, and the sender's own entry at the seq its acknowledgement named.
 * The listener check then compares what each client handed to the application with that timeline. Every problem is
 * collected, so one failure report shows the whole damage.
 */
final class TimelineAudit {

    private static final int MAX_REPORTED = 40;

    private final Map<String, List<Message>> timelines;
    private final List<String> problems = new ArrayList<>();

    private TimelineAudit(Map<String, List<Message>> timelines) {
        this.timelines = timelines;
    }

    /** Pulls every user's whole timeline (from seq 0, {@code message.roaming 1}) through its client. */
    static TimelineAudit pull(Collection<ChatUser> users) {
        Map<String, CompletableFuture<List<Message>>> pulls = new HashMap<>();
        users.forEach(u -> pulls.put(u.userId, pullFrom(u, 0, new ArrayList<>())));
        Map<String, List<Message>> out = new HashMap<>();
        pulls.forEach((user, f) -> out.put(user, f.orTimeout(60, TimeUnit.SECONDS).join()));
        return new TimelineAudit(out);
    }

    private static CompletableFuture<List<Message>> pullFrom(ChatUser u, long since, List<Message> into) {
        return u.client.pull(since, 500).thenCompose((PullMessageResult r) -> {
            into.addAll(r.getMessagesList());
            if (r.getCurrent() >= r.getHead() || r.getMessagesCount() == 0) {
                return CompletableFuture.completedFuture(into);
            }
            return pullFrom(u, r.getCurrent(), into);
        });
    }

    List<Message> timeline(String userId) {
        return timelines.get(userId);
    }

    /** The newest seq of the user's timeline. */
    long head(String userId) {
        List<Message> t = timelines.get(userId);
        return t.isEmpty() ? 0 : t.get(t.size() - 1).getSeq();
    }

    /**
     * Waits until every client has handed over its whole timeline ({@code lastSeq} at the pulled head); fails naming
     * the clients left behind, which only a new push or a reconnect would wake.
     */
    TimelineAudit awaitCaughtUp(Collection<ChatUser> users, Duration atMost) {
        try {
            await("every client caught up with its timeline").atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(() -> users.stream().allMatch(u -> u.client.lastSeq() >= head(u.userId)));
        } catch (ConditionTimeoutException e) {
            String behind = users.stream().filter(u -> u.client.lastSeq() < head(u.userId))
                    .map(u -> u + " lastSeq " + u.client.lastSeq() + " head " + head(u.userId) + " connected "
                            + u.client.isConnected())
                    .collect(Collectors.joining("; "));
            throw new AssertionError("clients stuck behind their timeline: " + behind, e);
        }
        return this;
    }

    /** Exactly once, gap-free, in order: see the class comment. */
    TimelineAudit checkAgainst(Collection<ChatLoad.Ack> acks) {
        Map<String, List<ChatLoad.Ack>> involving = new HashMap<>();
        for (ChatLoad.Ack a : acks) {
            involving.computeIfAbsent(a.sender(), u -> new ArrayList<>()).add(a);
            involving.computeIfAbsent(a.receiver(), u -> new ArrayList<>()).add(a);
        }
        timelines.forEach((user, t) -> checkTimeline(user, t, involving.getOrDefault(user, List.of())));
        return this;
    }

    private void checkTimeline(String user, List<Message> t, List<ChatLoad.Ack> expected) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).getSeq() != i + 1) {
                problem(user + ": entry " + i + " has seq " + t.get(i).getSeq() + ", expected " + (i + 1)
                        + " (gap or disorder)");
                break;
            }
        }
        Map<Long, ChatLoad.Ack> byUid = new HashMap<>();
        expected.forEach(a -> byUid.put(a.result().getMessageUid(), a));
        Map<Long, Integer> seen = new HashMap<>();
        Map<String, Integer> lastIndexFrom = new HashMap<>();
        for (Message m : t) {
            seen.merge(m.getMessageUid(), 1, Integer::sum);
            ChatLoad.Ack a = byUid.get(m.getMessageUid());
            if (a == null) {
                problem(user + ": seq " + m.getSeq() + " holds message " + m.getMessageUid() + " ("
                        + m.getSender() + " " + m.getClientMessageId() + ") that no acknowledgement names");
                continue;
            }
            if (!m.getContent().getSearchableContent().equals(a.sender() + ":" + a.index())
                    || !m.getClientMessageId().equals(a.clientMessageId())) {
                problem(user + ": seq " + m.getSeq() + " content/client id differ from " + a);
            }
            if (a.sender().equals(user) && m.getSeq() != a.result().getSeq()) {
                problem(user + ": own message " + a.index() + " at seq " + m.getSeq() + " but acknowledged at seq "
                        + a.result().getSeq());
            }
            Integer before = lastIndexFrom.put(a.sender(), a.index());
            if (before != null && before >= a.index()) {
                problem(user + ": message " + a.index() + " of " + a.sender() + " at seq " + m.getSeq()
                        + " comes after its message " + before);
            }
        }
        seen.forEach((uid, n) -> {
            if (n > 1) {
                problem(user + ": message " + uid + " is " + n + " times in the timeline");
            }
        });
        for (ChatLoad.Ack a : expected) {
            if (!seen.containsKey(a.result().getMessageUid())) {
                problem(user + ": acknowledged " + a + " is missing from the timeline (lost)");
            }
        }
    }

    /**
     * What each client's listener was handed: increasing seqs, each the timeline's entry at that seq, and together
     * with the client's own acknowledged sends every seq up to the head.
     */
    TimelineAudit checkDeliveries(Collection<ChatUser> users, Collection<ChatLoad.Ack> acks) {
        Map<String, Set<Long>> ownSeqs = new HashMap<>();
        acks.forEach(a -> ownSeqs.computeIfAbsent(a.sender(), u -> new HashSet<>()).add(a.result().getSeq()));
        for (ChatUser u : users) {
            u.violations.forEach(this::problem);
            List<Message> t = timelines.get(u.userId);
            Set<Long> covered = new HashSet<>(ownSeqs.getOrDefault(u.userId, Set.of()));
            for (Message m : u.delivered) {
                long seq = m.getSeq();
                if (seq < 1 || seq > t.size() || t.get((int) seq - 1).getMessageUid() != m.getMessageUid()) {
                    problem(u.userId + ": listener got message " + m.getMessageUid() + " at seq " + seq
                            + ", the timeline has another one there");
                }
                covered.add(seq);
            }
            for (long seq = 1; seq <= t.size(); seq++) {
                if (!covered.contains(seq)) {
                    problem(u.userId + ": seq " + seq + " (" + t.get((int) seq - 1).getClientMessageId()
                            + ") never reached the listener (client lastSeq " + u.client.lastSeq() + ")");
                    break;
                }
            }
        }
        return this;
    }

    /**
     * The checks of a load to one group ({@code acks} all to {@code groupId}): every member's timeline is gap-free
     * and holds every acknowledged message exactly once, each sender's in the order sent, and no text of the group
     * that no acknowledgement names (the group's notifications are not texts); every member's listener was handed
     * every other sender's acknowledged message exactly once, in each sender's order.
     */
    TimelineAudit checkGroup(String groupId, Collection<ChatUser> members, Collection<ChatLoad.Ack> acks) {
        Map<Long, ChatLoad.Ack> byUid = new HashMap<>();
        acks.forEach(a -> byUid.put(a.result().getMessageUid(), a));
        for (ChatUser u : members) {
            List<Message> t = timelines.get(u.userId);
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).getSeq() != i + 1) {
                    problem(u.userId + ": entry " + i + " has seq " + t.get(i).getSeq() + ", expected " + (i + 1));
                    break;
                }
            }
            onceInOrder(u.userId + " timeline", groupTexts(t, groupId), byUid, acks);
            onceInOrder(u.userId + " listener", groupTexts(u.delivered, groupId), byUid,
                    acks.stream().filter(a -> !a.sender().equals(u.userId)).toList());
        }
        return this;
    }

    /**
     * Waits until every member's client has read super group {@code groupId}'s shared timeline up to
     * {@code head}; fails naming the clients left behind (a notice that never came, or a pull that stopped).
     */
    static void awaitSuperCaughtUp(String groupId, Collection<ChatUser> members, long head, Duration atMost) {
        try {
            await("every client read super group " + groupId + " to seq " + head).atMost(atMost)
                    .pollInterval(Duration.ofMillis(100)).until(() -> members.stream()
                            .allMatch(u -> u.client.superGroupSeqs().getOrDefault(groupId, 0L) >= head));
        } catch (ConditionTimeoutException e) {
            String behind = members.stream()
                    .filter(u -> u.client.superGroupSeqs().getOrDefault(groupId, 0L) < head)
                    .map(u -> u + " at " + u.client.superGroupSeqs().get(groupId) + " notices "
                            + u.groupNotices(groupId) + " connected " + u.client.isConnected())
                    .collect(Collectors.joining("; "));
            throw new AssertionError("clients behind super group " + groupId + " head " + head + ": " + behind, e);
        }
    }

    /** The whole shared timeline of super group {@code groupId} (pull type 2 from seq 0), read through a member. */
    static List<Message> pullShared(ChatUser member, String groupId) {
        return pullSharedFrom(member, groupId, 0, new ArrayList<>()).orTimeout(60, TimeUnit.SECONDS).join();
    }

    private static CompletableFuture<List<Message>> pullSharedFrom(ChatUser u, String groupId, long since,
                                                                   List<Message> into) {
        return u.client.pullSuperGroup(groupId, since, 500).thenCompose(r -> {
            into.addAll(r.getMessagesList());
            if (r.getCurrent() >= r.getHead() || r.getMessagesCount() == 0) {
                return CompletableFuture.completedFuture(into);
            }
            return pullSharedFrom(u, groupId, r.getCurrent(), into);
        });
    }

    /**
     * The checks of a load to one super group ({@code acks} all to {@code groupId}) against its shared timeline
     * {@code shared}: seqs 1..n with no gap, every acknowledged message exactly once, each sender's in the order
     * sent, no text no acknowledgement names; every member's listener was handed every other sender's acknowledged
     * message exactly once, in each sender's order, each at the seq it has in the shared timeline.
     */
    TimelineAudit checkSuperGroup(String groupId, List<Message> shared, Collection<ChatUser> members,
                                  Collection<ChatLoad.Ack> acks) {
        for (int i = 0; i < shared.size(); i++) {
            if (shared.get(i).getSeq() != i + 1) {
                problem("shared timeline " + groupId + ": entry " + i + " has seq " + shared.get(i).getSeq()
                        + ", expected " + (i + 1));
                break;
            }
        }
        Map<Long, ChatLoad.Ack> byUid = new HashMap<>();
        acks.forEach(a -> byUid.put(a.result().getMessageUid(), a));
        onceInOrder("shared timeline " + groupId, groupTexts(shared, groupId), byUid, acks);
        Map<Long, Long> seqOf = new HashMap<>();
        shared.forEach(m -> seqOf.put(m.getMessageUid(), m.getSeq()));
        for (ChatUser u : members) {
            u.superViolations.forEach(this::problem);
            List<Message> got = u.superDelivered(groupId);
            onceInOrder(u.userId + " super group listener", groupTexts(got, groupId), byUid,
                    acks.stream().filter(a -> !a.sender().equals(u.userId)).toList());
            for (Message m : got) {
                if (!Long.valueOf(m.getSeq()).equals(seqOf.get(m.getMessageUid()))) {
                    problem(u.userId + ": listener got message " + m.getMessageUid() + " at group seq " + m.getSeq()
                            + ", the shared timeline has it at " + seqOf.get(m.getMessageUid()));
                }
            }
        }
        return this;
    }

    private static List<Message> groupTexts(List<Message> messages, String groupId) {
        return messages.stream().filter(m -> m.getConversation().getType() == 1
                && m.getConversation().getTarget().equals(groupId) && m.getContent().getType() == 1).toList();
    }

    private void onceInOrder(String where, List<Message> got, Map<Long, ChatLoad.Ack> byUid,
                             Collection<ChatLoad.Ack> expected) {
        Map<Long, Integer> seen = new HashMap<>();
        Map<String, Integer> lastIndexFrom = new HashMap<>();
        for (Message m : got) {
            seen.merge(m.getMessageUid(), 1, Integer::sum);
            ChatLoad.Ack a = byUid.get(m.getMessageUid());
            if (a == null) {
                problem(where + ": seq " + m.getSeq() + " holds message " + m.getMessageUid() + " ("
                        + m.getSender() + " " + m.getClientMessageId() + ") that no acknowledgement names");
                continue;
            }
            if (!m.getContent().getSearchableContent().equals(a.sender() + ":" + a.index())) {
                problem(where + ": seq " + m.getSeq() + " content differs from " + a);
            }
            Integer before = lastIndexFrom.put(a.sender(), a.index());
            if (before != null && before >= a.index()) {
                problem(where + ": message " + a.index() + " of " + a.sender() + " at seq " + m.getSeq()
                        + " comes after its message " + before);
            }
        }
        seen.forEach((uid, n) -> {
            if (n > 1) {
                problem(where + ": message " + uid + " (" + byUid.get(uid) + ") is there " + n + " times");
            }
        });
        for (ChatLoad.Ack a : expected) {
            if (!seen.containsKey(a.result().getMessageUid())) {
                problem(where + ": acknowledged " + a + " is missing (lost)");
            }
        }
    }

    /** Fails with every problem found, if any. */
    void assertClean() {
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(MAX_REPORTED, problems.size()));
            throw new AssertionError(problems.size() + " timeline problem(s):\n  " + String.join("\n  ", shown));
        }
    }

    private void problem(String p) {
        problems.add(p);
    }
}
