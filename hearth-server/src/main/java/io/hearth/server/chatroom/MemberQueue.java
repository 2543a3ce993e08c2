package io.hearth.server.chatroom;

import io.hearth.protocol.pb.Message;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * One member's chatroom queue: the room's messages since the member joined, each with its own gap-free seq, at most
 * {@code capacity}. When full, the oldest message whose type is not a key type ({@code chatroom.key_message_type_list})
 * is dropped, and only when every queued message is one, the oldest key message; a pull then goes over the dropped
 * seqs. Also says when the member needs a notice: when it has pulled up to the head of its last notice (or never
 * had one), or its last notice is a second old: one notice is outstanding at a time. Thread-safe (the sender's thread appends, the member's event loop pulls).
 */
final class MemberQueue {

    static final long RENOTIFY_MILLIS = 1000;

    private record Entry(long seq, Message message, boolean key) {
    }

    private final int capacity;
    private final Set<Integer> keyTypes;
    private final LinkedList<Entry> entries = new LinkedList<>();
    private long head;
    private long read;
    private long noticedHead;
    private long noticedAt = Long.MIN_VALUE / 2;

    MemberQueue(int capacity, Set<Integer> keyTypes) {
        this.capacity = capacity;
        this.keyTypes = keyTypes;
    }

    /** What an append did: the new head, messages dropped, and whether the member must be told. */
    record Appended(long head, int dropped, boolean tell) {
    }

    /** Puts one of the room's last messages in a new member's queue (no notice: the join answers the head). */
    synchronized void seed(Message m) {
        add(m);
    }

    synchronized Appended append(Message m, long now) {
        int dropped = add(m);
        boolean notify = read >= noticedHead || now - noticedAt >= RENOTIFY_MILLIS;
        if (notify) {
            noticedHead = head;
            noticedAt = now;
        }
        return new Appended(head, dropped, notify);
    }

    private int add(Message m) {
        int dropped = 0;
        if (entries.size() >= capacity) {
            dropped = 1;
            if (!removeOldestNonKey()) {
                entries.removeFirst();
            }
        }
        head++;
        // the room's one Message object, shared by every member's queue; the member's seq is set on the way out
        entries.addLast(new Entry(head, m, keyTypes.contains(m.getContent().getType())));
        return dropped;
    }

    private boolean removeOldestNonKey() {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            if (!it.next().key()) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Messages after {@code since}, at most {@code limit}, and the seq the reader is at after them. */
    synchronized Page pull(long since, int limit) {
        List<Message> out = new ArrayList<>();
        long current = Math.max(since, 0);
        boolean more = false;
        for (Entry e : entries) {
            if (e.seq() <= since) {
                continue;
            }
            if (out.size() >= limit) {
                more = true;
                break;
            }
            out.add(e.message().toBuilder().setSeq(e.seq()).build());
            current = e.seq();
        }
        if (!more) {
            current = Math.max(current, head);
        }
        read = Math.max(read, current);
        return new Page(out, current, head);
    }

    synchronized long head() {
        return head;
    }

    record Page(List<Message> messages, long current, long head) {
    }
}
