package io.hearth.server.group;

import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.SuperGroupHead;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.SharedEntry;
import io.hearth.server.message.SharedTimelines;
import io.hearth.server.notice.Notifier;
import io.hearth.server.rpc.SessionFacet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Super groups' shared timelines (read diffusion; the shared timeline of a group has the group's id): who reads
 * which part of one, and the {@code group_message} notice to the present members when one grows. A member reads
 * the entries after the head of the moment they joined, or all with {@code history_message}; a removed member
 * reads nothing (9), from the moment of the removal on every node, since the rights are read from the store on each
 * pull. The notices go to the members of the moment too ({@link SuperGroupMembers}), from one announcer thread
 * fed by a map of group to newest head: under load the heads of one group merge into one notice, and none is
 * dropped. Any thread; reads on the blocking executor (pulls) and the announcer thread (notices).
 */
public final class SuperGroups implements SharedTimelines, AutoCloseable {

    /** The pull type of a super group's shared timeline in {@code message.pull}. */
    public static final int PULL_TYPE = 2;

    private static final Logger log = LoggerFactory.getLogger(SuperGroups.class);

    private final SuperGroupStore store;
    private final SuperGroupMembers members;
    private final Notifier notifier;
    private final BlockingExecutor blocking;
    /** Group id to the newest head not yet announced; the announcer takes them in insertion order. */
    private final Map<String, Long> unannounced = new LinkedHashMap<>();
    private final Thread announcer;
    private volatile boolean running = true;

    public SuperGroups(SuperGroupStore store, SuperGroupMembers members, Notifier notifier, BlockingExecutor blocking) {
        this.store = store;
        this.members = members;
        this.notifier = notifier;
        this.blocking = blocking;
        this.announcer = new Thread(this::announceLoop, "hearth-super-groups");
        announcer.setDaemon(true);
        announcer.start();
    }

    /**
     * One notice per group of the batch, with its newest head, to each present member, every session included
     * (the sender's too: its send result does not carry the group's seq). The members are read on the announcer
     * thread, so the writer's dispatch thread never waits.
     */
    @Override
    public void committed(List<SharedEntry> entries, Map<String, Long> retriedHeads) {
        synchronized (unannounced) {
            retriedHeads.forEach((groupId, head) -> unannounced.merge(groupId, head, Math::max));
            for (SharedEntry e : entries) {
                unannounced.merge(e.timelineId(), e.seq(), Math::max);
            }
            unannounced.notifyAll();
        }
    }

    private void announceLoop() {
        while (running) {
            Map<String, Long> heads;
            synchronized (unannounced) {
                while (running && unannounced.isEmpty()) {
                    try {
                        unannounced.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                heads = new LinkedHashMap<>(unannounced);
                unannounced.clear();
            }
            heads.forEach(this::announce);
        }
    }

    /** Stops the announcer; heads not yet announced are learned by the members on their next notice or login. */
    @Override
    public void close() {
        running = false;
        synchronized (unannounced) {
            unannounced.notifyAll();
        }
    }

    private void announce(String groupId, long head) {
        try {
            List<String> present = members.present(groupId);
            List<Notifier.UserNotice> notices = new ArrayList<>(present.size());
            for (String member : present) {
                notices.add(Notifier.of(member, NoticeKinds.GROUP_MESSAGE, head, groupId, null));
            }
            notifier.notify(notices);
        } catch (RuntimeException e) {
            log.warn("members of super group {} not told of head {}; they pull on their next notice or login: {}",
                    groupId, head, e.toString());
        }
    }

    @Override
    public CompletableFuture<Readable> readable(String userId, int pullType, String target) {
        if (pullType != PULL_TYPE) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "pull type " + pullType + " unknown: 0 own timeline, 2 super group"));
        }
        return blocking.supply(() -> {
            SuperGroupStore.Reader r = store.reader(target, userId)
                    .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "group " + target + " not exist"));
            if (!r.member()) {
                throw new StatusException(Status.NOT_IN_GROUP, userId + " is not a member of group " + target);
            }
            return new Readable(r.readsAfter(), r.head());
        });
    }

    @Override
    public Map<String, Readable> readBy(String userId) {
        Map<String, Readable> out = new java.util.LinkedHashMap<>();
        for (String groupId : store.heads(userId).keySet()) {
            store.reader(groupId, userId).filter(SuperGroupStore.Reader::member)
                    .ifPresent(r -> out.put(groupId, new Readable(r.readsAfter(), r.head())));
        }
        return out;
    }

    /** {@code session.info}'s {@code super_group_heads}: the shared heads of the caller's groups. */
    public SessionFacet heads() {
        return caller -> blocking.supply(() -> store.heads(caller.userId())).thenApply(heads ->
                (Consumer<SessionInfoResult.Builder>) b -> heads.forEach((id, head) ->
                        b.addSuperGroupHeads(SuperGroupHead.newBuilder().setGroupId(id).setHead(head))));
    }
}
