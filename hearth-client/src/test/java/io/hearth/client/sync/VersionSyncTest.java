package io.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.HearthException;
import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.SessionInfoResult;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VersionSyncs} and {@link VersionSync} on an embedded event loop, with the session.info and pull calls
 * answered by hand: when they pull, from which version, and what reaches the listener.
 */
class VersionSyncTest {

    private final EmbeddedChannel loopChannel = new EmbeddedChannel();
    private final Deque<CompletableFuture<SessionInfoResult>> infos = new ArrayDeque<>();
    private final Deque<Pull> pulls = new ArrayDeque<>();
    private final List<String> changes = new ArrayList<>();
    private final VersionSyncs syncs = new VersionSyncs(loopChannel.eventLoop(), this::sessionInfo,
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(1)));

    private record Pull(long since, CompletableFuture<VersionPage<String>> page) {
    }

    @AfterEach
    void tearDown() {
        loopChannel.finishAndReleaseAll();
    }

    @Test
    void aConnectComparesWithSessionInfoAndPullsOnlyWhenTheServerIsAhead() {
        VersionSync<String> sync = register(3);
        assertThat(infos).isEmpty(); // not connected yet
        syncs.onConnected();
        info(3);
        assertThat(pulls).isEmpty();

        syncs.onDisconnected();
        syncs.onConnected();
        info(5);
        answer(3, List.of("bob"), 5, 5);
        assertThat(changes).containsExactly("[bob]@5");
        assertThat(sync.version()).isEqualTo(5);
        assertThat(pulls).isEmpty();
    }

    @Test
    void anAnnouncementDuringAPullIsPulledRightAfterIt() {
        connected(register(0), 0);
        syncs.onNotice(notice("friend", 2));
        Pull first = pulls.poll();
        assertThat(first.since()).isZero();
        syncs.onNotice(notice("friend", 4));
        assertThat(pulls).isEmpty(); // one pull at a time
        first.page().complete(new VersionPage<>(List.of("bob"), 2, 2));
        answer(2, List.of("carol"), 4, 4);
        assertThat(changes).containsExactly("[bob]@2", "[carol]@4");
        assertThat(pulls).isEmpty();
    }

    @Test
    void otherKindsAndVersionsNotAboveTheHeldOneStartNoPull() {
        connected(register(5), 5);
        syncs.onNotice(notice("setting", 9));
        syncs.onNotice(notice("friend", 5));
        syncs.onNotice(notice("friend", 4));
        assertThat(pulls).isEmpty();
        syncs.observed("friend", 6);
        answer(5, List.of("own change"), 6, 6);
        assertThat(changes).containsExactly("[own change]@6");
    }

    @Test
    void aPageBelowTheHeadIsFollowedUntilTheHead() {
        connected(register(0), 10);
        answer(0, List.of("a", "b"), 5, 10);
        answer(5, List.of("c"), 10, 10);
        assertThat(changes).containsExactly("[a, b]@5", "[c]@10");
        assertThat(pulls).isEmpty();
    }

    @Test
    void aPullWithNothingNewerSatisfiesTheAnnouncement() {
        connected(register(5), 5);
        syncs.onNotice(notice("friend", 7));
        answer(5, List.of(), 5, 5);
        assertThat(changes).isEmpty();
        assertThat(pulls).isEmpty(); // no loop on a version the server does not have
        syncs.onNotice(notice("friend", 8));
        assertThat(pulls.peek().since()).isEqualTo(5);
    }

    @Test
    void aPassingFailureIsRetriedWithBackoffARefusalWaitsForTheNextAnnouncement() {
        connected(register(0), 3);
        pulls.poll().page().completeExceptionally(new HearthException(249, "timeout"));
        assertThat(pulls).isEmpty();
        advance(Duration.ofMillis(120));
        Pull retry = pulls.poll();
        assertThat(retry.since()).isZero();

        retry.page().completeExceptionally(new CompletionException(new HearthException(254, "not implement")));
        advance(Duration.ofMinutes(1));
        assertThat(pulls).isEmpty();
        syncs.onNotice(notice("friend", 4));
        answer(0, List.of("bob"), 4, 4);
        assertThat(changes).containsExactly("[bob]@4");
    }

    @Test
    void aLostSessionDropsThePullInFlightAndTheNextSessionCatchesUp() {
        connected(register(0), 2);
        Pull stale = pulls.poll();
        syncs.onDisconnected();
        stale.page().complete(new VersionPage<>(List.of("old"), 2, 2));
        assertThat(changes).isEmpty();
        syncs.onNotice(notice("friend", 3));
        assertThat(pulls).isEmpty(); // no session

        syncs.onConnected();
        info(3);
        answer(0, List.of("bob"), 3, 3);
        assertThat(changes).containsExactly("[bob]@3");
    }

    @Test
    void aFailedSessionInfoFallsBackToAPull() {
        register(4);
        syncs.onConnected();
        infos.poll().completeExceptionally(new HearthException(249, "timeout"));
        answer(4, List.of(), 4, 4);
        assertThat(changes).isEmpty();
        assertThat(pulls).isEmpty();
    }

    @Test
    void aSyncRegisteredWhileConnectedAsksAtOnceAndAClosedOneStops() {
        VersionSync<String> first = register(0);
        connected(first, 0);
        VersionSync<String> second = register(0);
        assertThat(infos).hasSize(1);
        info(1);
        answer(0, List.of("bob"), 1, 1);
        assertThat(first.version()).isZero(); // only the new sync was resumed by that answer

        second.close();
        first.close();
        syncs.onNotice(notice("friend", 9));
        syncs.onConnected();
        assertThat(infos).isEmpty();
        assertThat(pulls).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheVersion() {
        VersionSync<String> sync = syncs.register("friend", SessionInfoResult::getFriendVersion, this::pull,
                (entries, version) -> {
                    throw new IllegalStateException("app bug");
                }, 0);
        connected(sync, 2);
        answer(0, List.of("bob"), 2, 2);
        assertThat(sync.version()).isEqualTo(2);
        assertThat(pulls).isEmpty();
    }

    private VersionSync<String> register(long from) {
        return syncs.register("friend", SessionInfoResult::getFriendVersion, this::pull,
                (entries, version) -> changes.add(entries + "@" + version), from);
    }

    /** Connects and answers session.info with the server's friend version. */
    private void connected(VersionSync<String> sync, long serverVersion) {
        assertThat(sync.kind()).isEqualTo("friend");
        syncs.onConnected();
        info(serverVersion);
    }

    private void info(long friendVersion) {
        assertThat(infos).as("a session.info call").hasSize(1);
        infos.poll().complete(SessionInfoResult.newBuilder().setFriendVersion(friendVersion).build());
    }

    private void answer(long expectedSince, List<String> entries, long version, long head) {
        Pull p = pulls.poll();
        assertThat(p).as("a pull").isNotNull();
        assertThat(p.since()).isEqualTo(expectedSince);
        p.page().complete(new VersionPage<>(entries, version, head));
    }

    private CompletableFuture<SessionInfoResult> sessionInfo() {
        CompletableFuture<SessionInfoResult> f = new CompletableFuture<>();
        infos.add(f);
        return f;
    }

    private CompletableFuture<VersionPage<String>> pull(long since) {
        CompletableFuture<VersionPage<String>> f = new CompletableFuture<>();
        pulls.add(new Pull(since, f));
        return f;
    }

    private void advance(Duration d) {
        loopChannel.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
        loopChannel.runScheduledPendingTasks();
    }

    private static Notice notice(String kind, long version) {
        return Notice.newBuilder().setKind(kind).setVersion(version).build();
    }
}
