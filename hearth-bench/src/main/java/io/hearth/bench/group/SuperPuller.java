package io.hearth.bench.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An online member of a super group, as a client does it: on each {@code group_message} notice (version = the
 * group's head) it pulls the group's timeline ({@code message.pull} type 2, target the group) from the last seq it
 * has, one pull at a time, again while the head is ahead. Every stamped message pulled goes to the {@link Tally}
 * (send → pulled). Runs on its client's event loop (notices and replies both arrive there), so its fields need no
 * locks.
 */
final class SuperPuller implements HearthListener, Sessions.NeedsClient {

    static final String GROUP_MESSAGE = "group_message";
    static final int PULL_TYPE_GROUP = 2;
    private static final int LIMIT = 100;

    private final String user;
    private final String groupId;
    private final Tally tally;
    private final AtomicLong failures;
    private HearthClient client;
    private long pulled;
    private long head;
    private boolean pulling;

    SuperPuller(String user, String groupId, Tally tally, AtomicLong failures) {
        this.user = user;
        this.groupId = groupId;
        this.tally = tally;
        this.failures = failures;
    }

    @Override
    public void attach(HearthClient client) {
        this.client = client;
    }

    @Override
    public void onNotice(Notice notice) {
        if (notice.getKind().equals(GROUP_MESSAGE) && notice.getTarget().equals(groupId)) {
            head = Math.max(head, notice.getVersion());
            pullIfBehind();
        }
    }

    private void pullIfBehind() {
        if (pulling || head <= pulled) {
            return;
        }
        pulling = true;
        client.call(Methods.MESSAGE_PULL, request(groupId, pulled, LIMIT)).whenComplete((reply, error) -> {
            pulling = false;
            if (error != null) {
                failures.incrementAndGet();
                return;
            }
            accept(reply.getPull(), System.nanoTime());
            pullIfBehind();
        });
    }

    private void accept(PullMessageResult result, long now) {
        for (Message m : result.getMessagesList()) {
            if (m.getSeq() <= pulled) {
                tally.repeated.incrementAndGet();
                continue;
            }
            pulled = m.getSeq();
            tally.record(user, m, now);
        }
        head = Math.max(head, result.getHead());
        if (result.getMessagesCount() == 0) {
            head = pulled;
        }
    }

    /**
     * {@code PullMessageRequest{since_seq, limit, type = 3, target = 4}}. Fields 3 and 4 are written as protobuf
     * fields by number, so this compiles against a protocol module that does not name them yet.
     */
    static PullMessageRequest request(String groupId, long since, int limit) {
        return PullMessageRequest.newBuilder().setSinceSeq(since).setLimit(limit)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(3, UnknownFieldSet.Field.newBuilder().addVarint(PULL_TYPE_GROUP).build())
                        .addField(4, UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8(groupId)).build())
                        .build())
                .build();
    }
}
