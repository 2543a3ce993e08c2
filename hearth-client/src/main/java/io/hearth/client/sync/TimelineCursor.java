package io.hearth.client.sync;

import io.hearth.protocol.pb.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The client's position in its user's timeline and the gap logic around it. {@link #lastSeq()} is the highest seq
 * up to which every entry has been delivered to the listener or is one of this client's own sends; it only grows,
 * and an entry is handed out only when it becomes {@code lastSeq + 1}, so no seq is delivered twice.
 *
 * <p>Pushed entries beyond {@code lastSeq + 1} reveal a gap: they are buffered (up to a bound) and a pull from
 * {@code lastSeq} is asked for through {@link #nextPull()}; one pull at a time. Pull replies are the server's
 * truth: their entries are taken in order even across a jump (the roaming window of a first login). A pull that
 * brings nothing new closes the gap it was sent for, so the pull loop always ends.
 *
 * <p>Pure logic, no I/O. Confined to the client's event loop; only {@link #lastSeq()} may be read from any thread.
 */
public final class TimelineCursor {

    private final String userId;
    private final int maxBuffered;
    private final TreeMap<Long, Message> buffered = new TreeMap<>();
    /** Own acknowledged sends above lastSeq: seq to message uid. */
    private final TreeMap<Long, Long> ownAcked = new TreeMap<>();
    /** client_message_id of own sends whose result has not arrived. */
    private final Set<String> ownInFlight = new HashSet<>();
    private volatile long lastSeq;
    private long target;
    private boolean syncRequested;
    private boolean pulling;
    private long pullSince;
    private long pullTarget;

    public TimelineCursor(String userId, long lastSeq, int maxBuffered) {
        this.userId = userId;
        this.lastSeq = lastSeq;
        this.target = lastSeq;
        this.maxBuffered = maxBuffered;
    }

    /** The contiguous seq; safe to read from any thread. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Whether a pull is in flight or needed. */
    public boolean busy() {
        return pulling || needsPull();
    }

    /** After a (re)connect: pull from lastSeq until the reply says current == head. */
    public void requestSync() {
        syncRequested = true;
    }

    /**
     * Entries of a {@code MessagePush} and its head; returns the ones to deliver, in order. A push without entries
     * says the server left entries up to {@code head} for a pull (this session was behind, or a retried send
     * reached the server again), so the cursor pulls up to it.
     */
    public List<Message> onPush(List<Message> entries, long head) {
        List<Message> out = new ArrayList<>();
        if (entries.isEmpty()) {
            target = Math.max(target, head);
        }
        for (Message m : entries) {
            long seq = m.getSeq();
            if (seq == 0) {
                out.add(m);
            } else if (seq == lastSeq + 1) {
                accept(m, out);
                advance(out);
            } else if (seq > lastSeq + 1) {
                target = Math.max(target, seq);
                if (buffered.size() < maxBuffered) {
                    buffered.put(seq, m);
                }
            }
        }
        return out;
    }

    /** An own send is about to be written; its entry must not be delivered if a pull returns it first. */
    public void onSendIssued(String clientMessageId) {
        if (!clientMessageId.isEmpty()) {
            ownInFlight.add(clientMessageId);
        }
    }

    /** An own send failed or timed out. */
    public void onSendFailed(String clientMessageId) {
        ownInFlight.remove(clientMessageId);
    }

    /** An own send was stored at {@code seq} (0: transparent); returns buffered entries that became deliverable. */
    public List<Message> onSendResult(String clientMessageId, long seq, long messageUid) {
        ownInFlight.remove(clientMessageId);
        List<Message> out = new ArrayList<>();
        if (seq == lastSeq + 1) {
            lastSeq = seq;
            advance(out);
        } else if (seq > lastSeq + 1) {
            ownAcked.put(seq, messageUid);
            target = Math.max(target, seq);
        }
        return out;
    }

    /** The since_seq of the pull to send now, or empty when a pull is in flight or none is needed. */
    public OptionalLong nextPull() {
        if (pulling || !needsPull()) {
            return OptionalLong.empty();
        }
        pulling = true;
        pullSince = lastSeq;
        pullTarget = target;
        return OptionalLong.of(lastSeq);
    }

    /** The pull in flight failed or was abandoned (connection lost); the need for it remains. */
    public void abortPull() {
        pulling = false;
    }

    /**
     * A pull reply that says the entries up to {@code current} are gone (purged by the server's retention, code
     * 26): the cursor moves past them and the next pull goes on from there with what is kept. Returns buffered
     * entries that became deliverable.
     */
    public List<Message> onPurged(long current, long head) {
        pulling = false;
        List<Message> out = new ArrayList<>();
        jumpTo(current, out);
        target = Math.max(target, head);
        return out;
    }

    /** A pull reply (for the pull of {@link #nextPull()}); returns the entries to deliver, in order. */
    public List<Message> onPullResult(List<Message> messages, long head) {
        pulling = false;
        syncRequested = false;
        List<Message> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.getSeq() > lastSeq) {
                accept(m, out);
            }
        }
        advance(out);
        target = Math.max(target, head);
        if (lastSeq == pullSince) {
            // Nothing new from the server: skip what it cannot give (roaming window), then give up known gaps.
            jumpTo(head, out);
            jumpTo(pullTarget, out);
        }
        return out;
    }

    private boolean needsPull() {
        return syncRequested || lastSeq < target;
    }

    private void accept(Message m, List<Message> out) {
        lastSeq = m.getSeq();
        if (!isOwn(m)) {
            out.add(m);
        }
    }

    /** An own send already known; a change of an own message (state above 0) is news to every device. */
    private boolean isOwn(Message m) {
        if (m.getState() != 0) {
            return false;
        }
        Long uid = ownAcked.get(m.getSeq());
        if (uid != null && uid == m.getMessageUid()) {
            return true;
        }
        return m.getSender().equals(userId) && ownInFlight.contains(m.getClientMessageId());
    }

    /** Moves over own acknowledged sends and buffered pushes that continue lastSeq, then forgets what is behind. */
    private void advance(List<Message> out) {
        while (true) {
            long next = lastSeq + 1;
            Message m = buffered.remove(next);
            if (m != null) {
                accept(m, out);
            } else if (ownAcked.containsKey(next)) {
                lastSeq = next;
            } else {
                break;
            }
        }
        buffered.headMap(lastSeq, true).clear();
        ownAcked.headMap(lastSeq, true).clear();
    }

    private void jumpTo(long seq, List<Message> out) {
        if (seq <= lastSeq) {
            return;
        }
        for (Map.Entry<Long, Message> e : buffered.headMap(seq, true).entrySet()) {
            accept(e.getValue(), out);
        }
        lastSeq = seq;
        advance(out);
    }
}
