package io.hearth.bench.group;

import io.hearth.client.HearthListener;
import io.hearth.protocol.pb.Message;
import java.util.List;

/**
 * An online member of the super group. Its SDK does what a client does on each {@code group_message} notice (and
 * each {@code session.info} head): pull the group's shared timeline ({@code message.pull} type 2) until caught up;
 * this listener counts what those pulls hand over (send → pulled) and any seq seen twice. Called on its client's
 * event loop, one call at a time.
 */
final class SuperMember implements HearthListener {

    private final String user;
    private final String groupId;
    private final Tally tally;
    private long lastSeq;

    SuperMember(String user, String groupId, Tally tally) {
        this.user = user;
        this.groupId = groupId;
        this.tally = tally;
    }

    @Override
    public void onSuperGroupMessages(String group, List<Message> messages) {
        if (!group.equals(groupId)) {
            return;
        }
        long now = System.nanoTime();
        for (Message m : messages) {
            if (m.getSeq() <= lastSeq) {
                tally.repeated.incrementAndGet();
                continue;
            }
            lastSeq = m.getSeq();
            tally.record(user, m, now);
        }
    }
}
