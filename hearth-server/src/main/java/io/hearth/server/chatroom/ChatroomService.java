package io.hearth.server.chatroom;

import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.notice.Notifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Chatroom membership and messages on this node: join (creating a missing room when configured), quit, the idle
 * sweep, a send's fan-out into the queues of the room's members here, and pulls of a member's queue. A user is in
 * one room at a time, with one client. Members are told of new messages and of leaving without asking by notices
 * through {@code notifier} (this node's sessions). Any thread; the store is read through {@link Rooms}.
 */
public final class ChatroomService {

    /** Why a member left without asking: the version of its {@code chatroom_left} notice. */
    static final int LEFT_IDLE = 0;
    static final int LEFT_OTHER_CLIENT = 1;
    public static final int LEFT_BANNED = 2;
    static final int LEFT_DESTROYED = 3;

    /** The other nodes' members: where a user is in a room there, and dropping it there. */
    public interface Elsewhere {
        CompletableFuture<Optional<UserChatroom>> where(String userId);

        void expel(String chatroomId, String userId, int why);

        Elsewhere NONE = new Elsewhere() {
            @Override
            public CompletableFuture<Optional<UserChatroom>> where(String userId) {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public void expel(String chatroomId, String userId, int why) {
            }
        };
    }

    private final Rooms rooms;
    private final Members members = new Members();
    private volatile Elsewhere elsewhere = Elsewhere.NONE;
    private final Notifier notifier;
    private final HearthConfig.Chatrooms config;
    private final Clock clock;
    private final Counter dropped;

    public ChatroomService(Rooms rooms, Notifier notifier, HearthConfig.Chatrooms config, Clock clock,
                           MeterRegistry metrics) {
        this.rooms = rooms;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
        this.dropped = Counter.builder("hearth.chatroom.dropped")
                .description("chatroom messages dropped from full member queues").register(metrics);
        metrics.gauge("hearth.chatroom.members", members, Members::size);
    }

    /** The other nodes of a cluster; set once at start, before the first join. */
    public void elsewhere(Elsewhere other) {
        this.elsewhere = other;
    }

    public Rooms rooms() {
        return rooms;
    }

    /**
     * Joins {@code userId}'s client to {@code chatroomId}, leaving the room it was in; answers the head of its new
     * queue (the room's last messages). 253 no such room (and not created), 245 banned, 225 another client of the
     * user is in a room and {@code chatroom.kickoff_other_platform} is false.
     */
    public CompletableFuture<Long> join(String userId, String clientId, int platform, String chatroomId) {
        return existing(chatroomId, config.createWhenNotExist()).thenCompose(room -> {
            if (room.stateOf(userId, clock.millis()) == BlackStatus.BANNED) {
                throw new StatusException(Status.USER_BLOCKED, userId + " is banned from chatroom " + chatroomId);
            }
            if (members.of(userId) != null) {
                return CompletableFuture.completedFuture(joinHere(userId, clientId, platform, chatroomId));
            }
            return elsewhere.where(userId).thenApply(there -> {
                there.ifPresent(u -> {
                    if (!config.kickoffOtherPlatform()) {
                        throw otherClient(userId, u.chatroomId());
                    }
                    elsewhere.expel(u.chatroomId(), userId, LEFT_OTHER_CLIENT);
                });
                return joinHere(userId, clientId, platform, chatroomId);
            });
        });
    }

    private long joinHere(String userId, String clientId, int platform, String chatroomId) {
        long now = clock.millis();
        Member current = members.of(userId);
        if (current != null && current.clientId.equals(clientId) && current.chatroomId.equals(chatroomId)) {
            current.touch(now);
            return current.queue.head();
        }
        if (current != null && !current.clientId.equals(clientId) && !config.kickoffOtherPlatform()) {
            throw otherClient(userId, current.chatroomId);
        }
        MemberQueue queue = new MemberQueue(config.queueSize(), config.keyTypes());
        members.last(chatroomId, config.pullOnJoin()).forEach(queue::seed);
        Member old = members.put(new Member(userId, clientId, platform, chatroomId, queue, now));
        if (old != null && !old.clientId.equals(clientId)) {
            left(old, LEFT_OTHER_CLIENT);
        }
        return queue.head();
    }

    private static StatusException otherClient(String userId, String chatroomId) {
        return new StatusException(Status.OTHER_CLIENT_IN_CHATROOM, "another client of " + userId
                + " is in chatroom " + chatroomId);
    }

    /** The room, created first when missing and {@code create}; 253 otherwise. */
    private CompletableFuture<Room> existing(String chatroomId, boolean create) {
        return rooms.find(chatroomId).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(found.get());
            }
            if (!create) {
                throw new StatusException(Status.NOT_EXIST, "chatroom " + chatroomId + " not exist");
            }
            long now = clock.millis();
            RoomInfo info = new RoomInfo(chatroomId, chatroomId, "", "", "", 0, false, now, now);
            return rooms.change(chatroomId, s -> {
                if (s.find(chatroomId).isEmpty()) {
                    s.upsert(info);
                }
                return null;
            }).thenCompose(v -> rooms.find(chatroomId)).thenApply(r -> r.orElseThrow(() ->
                    new StatusException(Status.NOT_EXIST, "chatroom " + chatroomId + " not exist")));
        });
    }

    /** The client leaves its room; 20 when it is not in {@code chatroomId}. */
    public void quit(String userId, String clientId, String chatroomId) {
        Member m = members.of(userId);
        if (m == null || !m.clientId.equals(clientId) || !m.chatroomId.equals(chatroomId)) {
            throw new StatusException(Status.NOT_IN_CHATROOM, userId + " is not in chatroom " + chatroomId);
        }
        members.remove(m);
    }

    /** The member's queue after {@code since}; 20 when the client is not in {@code chatroomId}. */
    public CompletableFuture<PullMessageResult> pull(String userId, String clientId, String chatroomId, long since,
                                                     int limit) {
        Member m = members.of(userId);
        if (m == null || !m.clientId.equals(clientId) || !m.chatroomId.equals(chatroomId)) {
            return CompletableFuture.failedFuture(new StatusException(Status.NOT_IN_CHATROOM,
                    userId + " is not in chatroom " + chatroomId));
        }
        m.touch(clock.millis());
        MemberQueue.Page page = m.queue.pull(since, limit <= 0 ? 100 : Math.min(limit, 500));
        return CompletableFuture.completedFuture(PullMessageResult.newBuilder().addAllMessages(page.messages())
                .setCurrent(page.current()).setHead(page.head()).build());
    }

    /** Whether the user's client is in {@code chatroomId}; touches it when it is (a send is activity). */
    boolean activeIn(String userId, String chatroomId) {
        Member m = members.of(userId);
        if (m == null || !m.chatroomId.equals(chatroomId)) {
            return false;
        }
        m.touch(clock.millis());
        return true;
    }

    /**
     * Hands a room's message to the queues of its members on this node but its sender, and remembers it for the
     * next joins; notices go to the members that need one, all at once. On the sender's thread (or the one that
     * received it from another node).
     */
    public void publish(String chatroomId, Message m) {
        members.remember(chatroomId, m);
        long now = clock.millis();
        List<Notifier.UserNotice> notices = new ArrayList<>();
        int drops = 0;
        for (Member member : members.inRoom(chatroomId)) {
            if (member.userId.equals(m.getSender())) {
                continue;
            }
            MemberQueue.Appended a = member.queue.append(m, now);
            drops += a.dropped();
            if (a.tell()) {
                notices.add(Notifier.of(member.userId, NoticeKinds.CHATROOM_MESSAGE, a.head(), chatroomId, null));
            }
        }
        if (drops > 0) {
            dropped.increment(drops);
        }
        if (!notices.isEmpty()) {
            notifier.notify(notices);
        }
    }

    /** The members of the room on this node, in no order. */
    public List<String> membersOf(String chatroomId) {
        return members.inRoom(chatroomId).stream().map(m -> m.userId).toList();
    }

    /** Where the user is: its room, client and platform; empty when in none. */
    public Optional<UserChatroom> userChatroom(String userId) {
        Member m = members.of(userId);
        return m == null ? Optional.empty()
                : Optional.of(new UserChatroom(userId, m.chatroomId, m.clientId, m.platform));
    }

    public record UserChatroom(String userId, String chatroomId, String clientId, int platform) {
    }

    /**
     * {@link ChatroomModeration.Expel} on this node: drops {@code userId} from {@code chatroomId} (banned), or every
     * member when {@code userId} is null (the room was destroyed).
     */
    public void expelHere(String chatroomId, String userId) {
        if (userId == null) {
            destroyed(chatroomId);
        } else {
            expel(userId, chatroomId, LEFT_BANNED);
        }
    }

    /** Drops the user from {@code chatroomId} on this node, telling it why ({@code chatroom_left} version). */
    public void expel(String userId, String chatroomId, int why) {
        Member m = members.of(userId);
        if (m != null && (chatroomId == null || m.chatroomId.equals(chatroomId)) && members.remove(m)) {
            left(m, why);
        }
    }

    /** Empties a destroyed room. */
    private void destroyed(String chatroomId) {
        for (Member m : List.copyOf(members.inRoom(chatroomId))) {
            if (members.remove(m)) {
                left(m, LEFT_DESTROYED);
            }
        }
        members.forget(chatroomId);
    }

    /** Drops the members idle for {@code chatroom.participant_idle_time}; run by the sweeper every second. */
    void sweep() {
        long cutoff = clock.millis() - config.idleMillis();
        for (Member m : members.all()) {
            if (m.lastActive() <= cutoff && members.remove(m)) {
                left(m, LEFT_IDLE);
            }
        }
        rooms.trim();
    }

    private void left(Member m, int why) {
        notifier.notify(List.of(Notifier.of(m.userId, NoticeKinds.CHATROOM_LEFT, why, m.chatroomId, null)));
    }
}
