package io.hearth.server.it;

import static io.hearth.server.it.ExpiryIT.send;
import static io.hearth.server.it.ExpiryIT.uids;
import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code message.retention_days} on one node (H2 and PostgreSQL) whose clock the test moves two days on: the purge
 * (in transactions of 10 entries) takes the old entries of the users' timelines and of a super group's shared
 * timeline and the old messages; a pull from 0 or from an old seq answers 26 with the oldest seq kept, from which
 * the rest is there, gap-free up to the head; an old message recalled after the cutoff goes with its recall (a
 * message's age is its send time); sends go on with the next seqs; and after a restart the purged part stays purged.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class RetentionIT {

    private static final long DAY = 86_400_000L;
    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    RetentionIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new HashMap<>(database.settings());
        settings.put("message.roaming", 1);
        settings.put("http.admin.no_check_time", true);
        settings.put("message.retention_days", 1);
        settings.put("message.retention_batch_rows", 10);
        settings.put("message.retention_pause_ms", 0);
        settings.put("message.retention_interval_seconds", 1);
        node = TestNode.start(settings, CLOCK);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void oldEntriesArePurgedAndAPullFromBeforeThemSaysWhereTheKeptOnesStart() {
        GroupCalls api = new GroupCalls(node);
        String alice = Fixtures.id("alice");
        String bob = Fixtures.id("bob");
        String carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            node.admin().createUser(u);
        }
        String gid = api.create(alice, "", "kept for a day", bob, carol);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        List<Long> old = new ArrayList<>();
        long changedLater;
        try (Mqtt5Peer alicePhone = Devices.phone(node, alice)) {
            for (int i = 0; i < 25; i++) {
                old.add(send(alicePhone, Fixtures.text(bob, "old " + i)));
            }
            for (int i = 0; i < 12; i++) {
                old.add(send(alicePhone, GroupCalls.text(gid, "old group " + i)));
            }
            changedLater = old.get(3);
        }
        long oldHead = head(bob);

        CLOCK.now += 2 * DAY;
        api.ok("/admin/message/recall", body("operator", alice, "messageUid", changedLater));
        Mqtt5Peer alicePhone = closer.keep(Devices.phone(node, alice));
        Mqtt5Peer bobPhone = closer.keep(Devices.phone(node, bob));
        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fresh.add(send(alicePhone, Fixtures.text(bob, "new " + i)));
        }
        long freshGroup = send(alicePhone, GroupCalls.text(gid, "new group"));

        // the purge runs in the background: wait until bob's oldest entries are gone
        await().atMost(Duration.ofSeconds(30)).until(() -> pullCode(bobPhone, 0) == 26);
        for (long from : List.of(0L, 1L, oldHead - 1)) {
            Reply r = bobPhone.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(from).build());
            assertThat(r.getCode()).as("pull from %d", from).isEqualTo(26);
            assertThat(r.getMsg()).contains("purged");
            PullMessageResult p = r.getPull();
            assertThat(p.getMessagesList()).isEmpty();
            assertThat(p.getOldestSeq()).as("the old message's recall went with it").isEqualTo(oldHead + 2);
            assertThat(p.getCurrent()).isEqualTo(oldHead + 1);
            assertThat(p.getHead()).isEqualTo(oldHead + 1 + fresh.size());
        }

        // from the oldest seq kept: every entry, gap-free up to the head
        List<Message> kept = pullAll(bobPhone, oldHead + 1);
        assertThat(kept.stream().map(Message::getSeq).toList())
                .isEqualTo(LongStream.rangeClosed(oldHead + 2, oldHead + 1 + fresh.size()).boxed().toList());
        assertThat(uids(kept)).isEqualTo(fresh);
        assertThat(pullCode(bobPhone, oldHead + 1)).isZero();

        // alice's timeline and the super group's shared one, purged the same way
        Reply mine = alicePhone.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(0).build());
        assertThat(mine.getCode()).isEqualTo(26);
        assertThat(uids(pullAll(alicePhone, mine.getPull().getCurrent()))).containsSubsequence(fresh);
        Reply shared = bobPhone.call(Methods.MESSAGE_PULL, SuperGroupIT.pull(gid, 0));
        assertThat(shared.getCode()).isEqualTo(26);
        assertThat(shared.getPull().getOldestSeq()).isEqualTo(shared.getPull().getHead());
        assertThat(uids(SuperGroupIT.shared(bobPhone, gid, shared.getPull().getCurrent()).getMessagesList()))
                .containsExactly(freshGroup);

        // old messages are gone from the store
        for (long uid : old) {
            int code = api.call("/admin/message/get_one", body("messageUid", uid)).get("code").asInt();
            assertThat(code).as("get_one %d", uid).isEqualTo(253);
        }
        assertThat(api.call("/admin/message/get_one", body("messageUid", fresh.get(0))).get("code").asInt())
                .isZero();

        // sends go on after the head; a restart keeps the purge and the numbering
        long next = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "after the purge")))
                .getSend().getMessageUid();
        CLOCK.now += 1_000; // uids are time and a counter: a restarted node's clock has moved on
        node.restart();
        try (Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            assertThat(pullCode(bobPc, 0)).isEqualTo(26);
            List<Message> after = pullAll(bobPc, oldHead + 1);
            assertThat(after).hasSize(fresh.size() + 1);
            assertThat(after.get(after.size() - 1).getMessageUid()).isEqualTo(next);
            assertThat(after.get(after.size() - 1).getSeq()).isEqualTo(oldHead + fresh.size() + 2);
        }
        try (Mqtt5Peer alicePc = Devices.pc(node, alice)) {
            long seq = Devices.ok(alicePc.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "after the restart")))
                    .getSend().getSeq();
            assertThat(seq).as("alice's numbering goes on").isPositive();
        }
        try (Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            assertThat(head(bobPc)).isEqualTo(oldHead + fresh.size() + 3);
        }
    }

    private static long head(String user) {
        try (Mqtt5Peer p = Devices.pc(node, user)) {
            return head(p);
        }
    }

    private static long head(Mqtt5Peer p) {
        // the result carries the head with code 0 and with 26 alike
        return p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setLimit(1).build()).getPull().getHead();
    }

    private static int pullCode(Mqtt5Peer p, long since) {
        return p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(since).build()).getCode();
    }

    /** Every entry after {@code since}, page by page while current is below the head. */
    private static List<Message> pullAll(Mqtt5Peer p, long since) {
        List<Message> out = new ArrayList<>();
        long from = since;
        while (true) {
            PullMessageResult r = Devices.ok(p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder()
                    .setSinceSeq(from).setLimit(3).build())).getPull();
            out.addAll(r.getMessagesList());
            if (r.getCurrent() >= r.getHead()) {
                return out;
            }
            assertThat(r.getCurrent()).isGreaterThan(from);
            from = r.getCurrent();
        }
    }
}
