package io.hearth.server.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import io.hearth.server.message.Send;
import io.hearth.server.notice.Notifier;
import io.hearth.server.storage.jdbc.Database;
import io.hearth.server.storage.jdbc.JdbcRelationStore;
import io.hearth.server.storage.jdbc.JdbcUserStore;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.user.User;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The friend request rules, versions, notices and the single-chat send check on a real (H2) store with a clock the
 * test moves: the repeat (16), reject (18) and expiry (19) windows, already friends (23), the disabled requests
 * (248) and {@code force}, robots accepting at once, blacklist strategies and stranger chat.
 */
class RelationServiceTest {

    private static final long DAY = 86_400_000L;
    private static final HearthConfig.Relations DEFAULTS = rules(false, 0, false);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final List<Notifier.UserNotice> notices = new CopyOnWriteArrayList<>();
    private final List<Set<String>> signals = new CopyOnWriteArrayList<>();
    private final List<FriendAccepted> accepted = new CopyOnWriteArrayList<>();
    private final List<FriendChanged> changed = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Database db;
    private BlockingExecutor blocking;
    private EventHook events;
    private JdbcUserStore users;

    static HearthConfig.Relations rules(boolean disableRequests, int blacklistStrategy, boolean disableStranger) {
        return new HearthConfig.Relations(disableRequests, 7 * DAY, 30 * DAY, 7 * DAY, true, 30, blacklistStrategy,
                Set.of(401, 402), disableStranger, Set.of("admin"));
    }

    private RelationFeature start(HearthConfig.Relations rules) {
        return start(rules, notices::addAll, cache -> s -> {
            signals.add(s);
            return CompletableFuture.completedFuture(null);
        });
    }

    private RelationFeature start(HearthConfig.Relations rules, Notifier notifier,
                                  Function<RelationCache, Function<Set<String>, CompletableFuture<?>>> elsewhere) {
        db = Database.open(new HearthConfig.Database("h2", "jdbc:h2:file:" + dir.resolve("r").toAbsolutePath(), "sa",
                "", 4, 64, 10_000));
        blocking = new BlockingExecutor("test-blocking", 2, 100);
        events = new EventHook(null, 100);
        events.listen("accepted", FriendAccepted.class, accepted::add);
        events.listen("changed", FriendChanged.class, changed::add);
        users = new JdbcUserStore(db);
        for (String u : List.of("alice", "bob", "carol", "admin")) {
            user(u, 0);
        }
        user("robot", 1);
        user("device", 2);
        return RelationFeature.assemble(new JdbcRelationStore(db), users::find, blocking, clock, rules,
                notifier, events, meters, elsewhere);
    }

    private void user(String id, int type) {
        users.upsert(new User(id, id, id, null, 0, null, null, null, null, null, null, type, false, 0, 0));
    }

    @AfterEach
    void stop() {
        if (events != null) {
            events.close();
            blocking.close();
            db.close();
        }
    }

    @Test
    void acceptingMakesFriendsBothWaysBumpsVersionsAndTellsEveryDeviceButTheOneThatActed() {
        RelationFeature r = start(DEFAULTS);
        Versions sent = join(r.requests().send("alice", "bob", "hi bob", "x", false, "alice-phone"));
        assertThat(sent).isEqualTo(new Versions(0, 1));
        assertThat(notices).extracting(n -> n.userId() + " " + n.notice().getKind() + " " + n.notice().getVersion()
                + " skip " + n.skipClientId())
                .containsExactlyInAnyOrder("alice friend_request 1 skip alice-phone", "bob friend_request 1 skip null");
        notices.clear();

        FriendRequests.Page bobsRequests = join(r.requests().pull("bob", 0));
        assertThat(bobsRequests.version()).isEqualTo(1);
        assertThat(bobsRequests.requests()).singleElement().satisfies(q -> {
            assertThat(q.fromUid()).isEqualTo("alice");
            assertThat(q.reason()).isEqualTo("hi bob");
            assertThat(q.status()).isEqualTo(FriendRequest.PENDING);
            assertThat(q.read()).isFalse();
        });

        Versions bob = join(r.requests().handle("bob", "alice", true, "met at work", "bob-pc"));
        assertThat(bob).isEqualTo(new Versions(1, 2));
        assertThat(notices).extracting(n -> n.userId() + " " + n.notice().getKind() + " " + n.notice().getTarget())
                .containsExactlyInAnyOrder("bob friend alice", "alice friend bob", "bob friend_request alice",
                        "alice friend_request bob");
        assertThat(notices).filteredOn(n -> n.userId().equals("bob")).allMatch(n -> "bob-pc".equals(n.skipClientId()));
        assertThat(notices).filteredOn(n -> n.userId().equals("alice")).allMatch(n -> n.skipClientId() == null);
        assertThat(signals).anySatisfy(s -> assertThat(s).containsExactlyInAnyOrder("alice", "bob"));

        Friends.Page alices = join(r.friends().pull("alice", 0));
        assertThat(alices.entries()).singleElement().satisfies(f -> {
            assertThat(f.friendUid()).isEqualTo("bob");
            assertThat(f.isFriend()).isTrue();
            assertThat(f.extra()).isEqualTo("met at work");
        });
        assertThat(join(r.friends().friendIds("bob"))).containsExactly("alice");
        assertThat(join(r.friends().pull("alice", alices.version())).entries()).isEmpty();
        assertThat(join(r.requests().pull("alice", 1)).requests()).singleElement()
                .satisfies(q -> assertThat(q.status()).isEqualTo(FriendRequest.ACCEPTED));
        awaitAccepted(new FriendAccepted("alice", "bob", "hi bob"));
    }

    @Test
    void deletingEndsTheFriendshipBothWaysAndAPullFromTheOldVersionSeesIt() {
        RelationFeature r = start(DEFAULTS);
        join(r.friends().setStatus("alice", "bob", true, null));
        long before = join(r.friends().pull("alice", 0)).version();

        join(r.friends().delete("alice", "bob", "alice-phone"));

        Friends.Page delta = join(r.friends().pull("alice", before));
        assertThat(delta.entries()).singleElement().satisfies(f -> assertThat(f.state()).isEqualTo(Friend.NOT_FRIEND));
        assertThat(join(r.friends().pull("bob", 0)).entries()).singleElement()
                .satisfies(f -> assertThat(f.state()).isEqualTo(Friend.NOT_FRIEND));
        assertStatus(r.friends().delete("alice", "bob", null), Status.NOT_EXIST);
        assertStatus(r.friends().delete("alice", "nobody", null), Status.NOT_EXIST);
    }

    @Test
    void theSameRequestAgainIs16UntilTheRepeatWindowHasPassed() {
        RelationFeature r = start(DEFAULTS);
        join(r.requests().send("alice", "bob", "1", null, false, null));
        clock.now += 7 * DAY - 1;
        assertStatus(r.requests().send("alice", "bob", "2", null, false, null), Status.FRIEND_ALREADY_REQUEST);
        clock.now += 1;
        join(r.requests().send("alice", "bob", "3", null, false, null));
        assertThat(join(r.requests().pull("bob", 0)).requests()).singleElement()
                .satisfies(q -> assertThat(q.reason()).isEqualTo("3"));
    }

    @Test
    void aRejectedRequestBlocksNewOnesWith18ForTheRejectWindow() {
        RelationFeature r = start(DEFAULTS);
        join(r.requests().send("alice", "bob", null, null, false, null));
        join(r.requests().handle("bob", "alice", false, null, null));
        clock.now += 7 * DAY;
        assertStatus(r.requests().send("alice", "bob", null, null, false, null), Status.FRIEND_REQUEST_BLOCKED);
        clock.now += 23 * DAY - 1;
        assertStatus(r.requests().send("alice", "bob", null, null, false, null), Status.FRIEND_REQUEST_BLOCKED);
        clock.now += 1;
        join(r.requests().send("alice", "bob", null, null, false, null));
        assertStatus(r.requests().handle("bob", "carol", true, null, null), Status.NOT_EXIST);
    }

    @Test
    void aRequestOlderThanTheExpirationIs19AndForceSkipsTheTimeRules() {
        RelationFeature r = start(DEFAULTS);
        join(r.requests().send("alice", "bob", null, null, false, null));
        clock.now += 7 * DAY + 1;
        assertStatus(r.requests().handle("bob", "alice", true, null, null), Status.FRIEND_REQUEST_EXPIRED);

        join(r.requests().send("carol", "bob", null, null, false, null));
        join(r.requests().send("carol", "bob", "again", null, true, null));
        join(r.requests().handle("bob", "carol", true, null, null));
        assertStatus(r.requests().send("carol", "bob", null, null, true, null), Status.ALREADY_FRIEND);
    }

    @Test
    void disabledRequestsAre248ExceptForcedOnesAndABlacklistRefusesWith246() {
        RelationFeature r = start(rules(true, 0, false));
        assertStatus(r.requests().send("alice", "bob", null, null, false, null), Status.NOT_RIGHT);
        join(r.requests().send("alice", "bob", null, null, true, null));

        join(r.friends().setBlacklist("carol", "alice", true, null));
        assertStatus(r.requests().send("alice", "carol", null, null, true, null), Status.SUCCESS);
        assertStatus(r.requests().send("alice", "alice", null, null, true, null), Status.INVALID_PARAMETER);
        assertStatus(r.requests().send("alice", "nobody", null, null, true, null), Status.NOT_EXIST);
    }

    @Test
    void aBlacklistRefusesARequestWith246() {
        RelationFeature r = start(DEFAULTS);
        join(r.friends().setBlacklist("bob", "alice", true, null));
        assertStatus(r.requests().send("alice", "bob", null, null, false, null), Status.IN_BLACKLIST);
        join(r.friends().setBlacklist("bob", "alice", false, null));
        join(r.requests().send("alice", "bob", null, null, false, null));
    }

    @Test
    void aRequestToARobotIsAcceptedAtOnce() {
        RelationFeature r = start(DEFAULTS);
        join(r.requests().send("alice", "robot", "hello robot", null, false, null));
        assertThat(join(r.friends().friendIds("alice"))).containsExactly("robot");
        assertThat(join(r.friends().friendIds("robot"))).containsExactly("alice");
        awaitAccepted(new FriendAccepted("alice", "robot", "hello robot"));
    }

    @Test
    void withoutRobotAutoAcceptARequestToARobotWaits() {
        HearthConfig.Relations d = DEFAULTS;
        RelationFeature r = start(new HearthConfig.Relations(false, d.repeatRequestMillis(), d.rejectRequestMillis(),
                d.requestExpirationMillis(), false, 30, 0, d.blacklistExceptionTypes(), false, Set.of()));
        join(r.requests().send("alice", "robot", null, null, false, null));
        assertThat(join(r.friends().friendIds("alice"))).isEmpty();
    }

    @Test
    void markReadMarksIncomingRequestsUpToTheVersionAndBumpsIt() {
        RelationFeature r = start(DEFAULTS);
        join(r.requests().send("alice", "bob", null, null, false, null));
        long v = join(r.requests().pull("bob", 0)).version();
        join(r.requests().send("carol", "bob", null, null, false, null));
        Versions after = join(r.requests().markRead("bob", v, "bob-phone"));
        assertThat(after.request()).isEqualTo(3);
        assertThat(join(r.requests().pull("bob", 0)).requests())
                .extracting(q -> q.fromUid() + " " + q.read()).containsExactlyInAnyOrder("alice true", "carol false");
    }

    @Test
    void aReceiverWhoBlacklistedTheSenderRefusesWith246ExceptExceptionTypesAndServerSends() {
        RelationFeature r = start(DEFAULTS);
        join(r.friends().setBlacklist("bob", "alice", true, null));
        assertStatus(r.sendCheck().check(text("alice", "bob", 1)), Status.IN_BLACKLIST);
        assertThat(join(r.sendCheck().check(text("alice", "bob", 401))).dropped()).isFalse();
        Send server = new Send("alice", null, text("alice", "bob", 1).request(), Send.Origin.SERVER_API);
        assertThat(join(r.sendCheck().check(server))).isSameAs(server);

        join(r.friends().setBlacklist("bob", "alice", false, null));
        assertThat(join(r.sendCheck().check(text("alice", "bob", 1))).dropped()).isFalse();
    }

    @Test
    void blacklistStrategyOneAcceptsAndDrops() {
        RelationFeature r = start(rules(false, 1, false));
        join(r.friends().setBlacklist("bob", "alice", true, null));
        assertThat(join(r.sendCheck().check(text("alice", "bob", 1))).dropped()).isTrue();
        assertThat(join(r.sendCheck().check(text("bob", "alice", 1))).dropped()).isFalse();
    }

    @Test
    void withStrangerChatDisabledOnlyFriendsAllowListedUsersAndNonNormalUsersChat() {
        RelationFeature r = start(rules(false, 0, true));
        assertStatus(r.sendCheck().check(text("alice", "bob", 1)), Status.NOT_RIGHT);
        join(r.sendCheck().check(text("alice", "admin", 1)));
        join(r.sendCheck().check(text("admin", "bob", 1)));
        join(r.sendCheck().check(text("alice", "robot", 1)));
        join(r.sendCheck().check(text("device", "alice", 1)));
        join(r.friends().setStatus("alice", "bob", true, null));
        join(r.sendCheck().check(text("alice", "bob", 1)));
        join(r.sendCheck().check(text("bob", "alice", 1)));
        join(r.friends().setStatus("alice", "bob", false, null));
        assertStatus(r.sendCheck().check(text("bob", "alice", 1)), Status.NOT_RIGHT);
    }

    @Test
    void aliasAndExtraAreTheOwnersOnlyAndBumpOnlyItsVersion() {
        RelationFeature r = start(DEFAULTS);
        join(r.friends().setStatus("alice", "bob", true, null));
        Versions bob = join(r.friends().versions("bob"));
        notices.clear();
        join(r.friends().setAlias("alice", "bob", "Bobby", "alice-phone"));
        join(r.friends().setExtra("alice", "bob", "{\"k\":1}", "alice-phone"));
        assertThat(join(r.friends().relation("alice", "bob"))).satisfies(f -> {
            assertThat(f.alias()).isEqualTo("Bobby");
            assertThat(f.extra()).isEqualTo("{\"k\":1}");
        });
        assertThat(join(r.friends().relation("bob", "alice")).alias()).isNull();
        assertThat(join(r.friends().versions("bob"))).isEqualTo(bob);
        assertThat(notices).allMatch(n -> n.userId().equals("alice") && n.notice().getKind().equals(NoticeKinds.FRIEND));
        assertStatus(r.friends().setAlias("alice", "bob", "x".repeat(Friends.MAX_ALIAS + 1), null),
                Status.INVALID_PARAMETER);
    }

    @Test
    void aCommittedChangeAnswersSuccessAndPublishesItsEventsWhenWhatFollowsTheCommitFails() {
        RelationFeature r = start(DEFAULTS, n -> {
            throw new IllegalStateException("notifier down");
        }, cache -> s -> {
            throw new IllegalStateException("cluster down");
        });
        join(r.requests().send("alice", "bob", "hi bob", null, false, "alice-phone"));
        join(r.requests().handle("bob", "alice", true, null, "bob-pc"));
        awaitAccepted(new FriendAccepted("alice", "bob", "hi bob"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> changed.contains(
                new FriendChanged("alice", "bob", FriendChanged.What.ACCEPTED)));
        assertThat(join(r.friends().friendIds("alice"))).containsExactly("bob");

        join(r.sendCheck().check(text("alice", "bob", 1)));
        join(r.friends().setBlacklist("bob", "alice", true, null));
        assertStatus(r.sendCheck().check(text("alice", "bob", 1)), Status.IN_BLACKLIST);
        assertThat(meters.counter("hearth.relation.output.failed", "step", "notify").count()).isEqualTo(3);
        assertThat(meters.counter("hearth.relation.output.failed", "step", "signal").count()).isEqualTo(2);
    }

    @Test
    void aChangeIsAnsweredOnlyOnceTheOtherNodesAcknowledgedItsSignalAndAlsoWhenTheyFailed() {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        CompletableFuture<Void> lost = new CompletableFuture<>();
        java.util.Iterator<CompletableFuture<Void>> answers = List.of(ack, lost).iterator();
        RelationFeature r = start(DEFAULTS, notices::addAll, cache -> s -> {
            signals.add(s);
            return answers.next();
        });
        CompletableFuture<Versions> blocked = r.friends().setBlacklist("bob", "alice", true, "bob-phone");
        await().during(300, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                .until(() -> !signals.isEmpty() && !blocked.isDone());
        assertThat(notices).extracting(Notifier.UserNotice::userId).containsExactly("bob");
        ack.complete(null);
        assertThat(join(blocked).friend()).isEqualTo(1);

        CompletableFuture<Versions> unblocked = r.friends().setBlacklist("bob", "alice", false, null);
        lost.completeExceptionally(new IllegalStateException("node gone"));
        assertThat(join(unblocked).friend()).isEqualTo(2);
        assertThat(meters.counter("hearth.relation.output.failed", "step", "signal").count()).isEqualTo(1);
    }

    @Test
    void markReadIsOneChangeWithOneEventAndOneNoticeHoweverManyRequestsItMarks() {
        RelationFeature r = start(DEFAULTS);
        join(r.requests().send("alice", "bob", null, null, false, null));
        join(r.requests().send("carol", "bob", null, null, false, null));
        long v = join(r.requests().pull("bob", 0)).version();
        notices.clear();
        await().atMost(5, TimeUnit.SECONDS).until(() -> changed.size() == 4);
        changed.clear();

        Versions after = join(r.requests().markRead("bob", v, "bob-phone"));

        assertThat(after.request()).isEqualTo(v + 1);
        assertThat(join(r.requests().pull("bob", v)).requests())
                .extracting(q -> q.fromUid() + " " + q.read() + " " + q.toVersion())
                .containsExactlyInAnyOrder("alice true " + (v + 1), "carol true " + (v + 1));
        assertThat(notices).extracting(n -> n.userId() + " " + n.notice().getKind() + " " + n.notice().getVersion())
                .containsExactly("bob friend_request " + (v + 1));
        await().during(300, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(() -> changed.size() == 1);
        assertThat(changed).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo("bob");
            assertThat(e.what()).isEqualTo(FriendChanged.What.READ);
        });

        notices.clear();
        assertThat(join(r.requests().markRead("bob", after.request(), null))).isEqualTo(after);
        assertThat(notices).isEmpty();
    }

    private void awaitAccepted(FriendAccepted expected) {
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> accepted.contains(expected));
    }

    private static Send text(String from, String to, int type) {
        return new Send(from, from + "-phone", SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(to))
                .setContent(MessageContent.newBuilder().setType(type).setPersistFlag(3)).build(), Send.Origin.CLIENT);
    }

    private static <T> T join(CompletableFuture<T> f) {
        return f.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void assertStatus(CompletableFuture<?> f, Status expected) {
        if (expected == Status.SUCCESS) {
            join(f);
            return;
        }
        assertThatThrownBy(() -> join(f)).isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(StatusException.statusOf(e)).isEqualTo(expected));
    }
}
