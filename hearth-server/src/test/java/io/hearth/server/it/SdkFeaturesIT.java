package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.client.sync.VersionSync;
import io.hearth.client.user.ProfileField;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.FriendEntry;
import io.hearth.protocol.pb.FriendRequestEntry;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.RelationVersions;
import io.hearth.protocol.pb.SettingEntry;
import io.hearth.protocol.pb.UserInfo;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's typed calls and version syncs against a real node, users connected through the route: a friend request
 * reaches the other user's SDK as a Notice and a pulled request, accepting it fills both friend lists (pulled by the
 * syncs and by hand), a setting put on a phone reaches the same user's PC while it is connected and after it
 * reconnects, profiles are read, changed and searched, and refusals carry the server's codes.
 */
class SdkFeaturesIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestNode node;
    private final List<HearthClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(HearthClient::close);
    }

    @Test
    void aFriendRequestReachesTheOtherSdkAndAcceptingFillsBothFriendLists() {
        String alice = user("alice");
        String bob = user("bob");
        Device alicePhone = new Device();
        Device bobPc = new Device();
        HearthClient a = client(alice, Platforms.ANDROID, Transport.TCP, alicePhone);
        HearthClient b = client(bob, Platforms.WINDOWS, Transport.WEBSOCKET, bobPc);
        List<FriendEntry> aliceFriends = new CopyOnWriteArrayList<>();
        List<FriendEntry> bobFriends = new CopyOnWriteArrayList<>();
        List<FriendRequestEntry> bobRequests = new CopyOnWriteArrayList<>();
        List<FriendRequestEntry> aliceRequests = new CopyOnWriteArrayList<>();
        VersionSync<FriendEntry> aliceSync = a.friends().sync(0, (entries, v) -> aliceFriends.addAll(entries));
        b.friends().sync(0, (entries, v) -> bobFriends.addAll(entries));
        b.friends().requestSync(0, (entries, v) -> bobRequests.addAll(entries));
        a.friends().requestSync(0, (entries, v) -> aliceRequests.addAll(entries));
        connect(a);
        connect(b);

        RelationVersions sent = join(a.friends().request(bob, "hi, it is alice"));
        assertThat(sent.getRequestVersion()).isEqualTo(1);
        await().atMost(WAIT).until(() -> bobPc.got(NoticeKinds.FRIEND_REQUEST, 1, alice));
        await().atMost(WAIT).until(() -> bobRequests.size() == 1 && aliceRequests.size() == 1);
        assertThat(bobRequests.get(0)).satisfies(r -> {
            assertThat(r.getFromUid()).isEqualTo(alice);
            assertThat(r.getToUid()).isEqualTo(bob);
            assertThat(r.getReason()).isEqualTo("hi, it is alice");
            assertThat(r.getStatus()).isZero();
        });
        assertThat(aliceRequests.get(0).getToUid()).isEqualTo(bob); // her own change, pulled from its reply

        RelationVersions accepted = join(b.friends().accept(alice));
        assertThat(accepted.getFriendVersion()).isEqualTo(1);
        await().atMost(WAIT).until(() -> alicePhone.got(NoticeKinds.FRIEND, 1, bob));
        await().atMost(WAIT).until(() -> aliceFriends.size() == 1 && bobFriends.size() == 1);
        assertThat(aliceFriends.get(0).getUid()).isEqualTo(bob);
        assertThat(aliceFriends.get(0).getState()).isZero();
        assertThat(bobFriends.get(0).getUid()).isEqualTo(alice);
        assertThat(aliceSync.version()).isEqualTo(1);
        assertThat(join(a.friends().pull(0)).getEntriesList()).extracting(FriendEntry::getUid).containsExactly(bob);
        assertThat(join(b.friends().pull(0)).getEntriesList()).extracting(FriendEntry::getUid).containsExactly(alice);
        assertThat(join(b.friends().pullRequests(0)).getRequestsList()).singleElement()
                .satisfies(r -> assertThat(r.getStatus()).isEqualTo(1));
        // the greeting (92, the request's reason) and "friend added" (93) reach both timelines
        await().atMost(WAIT).until(() -> bobPc.types().containsAll(List.of(92, 93))
                && alicePhone.types().containsAll(List.of(92, 93)));

        assertThat(codeOf(a.friends().request(bob, "again"))).isEqualTo(23);
        assertThat(codeOf(a.friends().request("", "nobody"))).isEqualTo(251);
        assertThat(codeOf(a.friends().delete(Fixtures.id("nobody")))).isEqualTo(253);

        join(b.friends().setAlias(alice, "Ally"));
        await().atMost(WAIT).until(() -> bobFriends.size() == 2); // bob's own change comes through his sync
        assertThat(bobFriends.get(1).getAlias()).isEqualTo("Ally");
    }

    @Test
    void aSettingPutOnThePhoneReachesThePcConnectedAndAfterAReconnect() {
        String alice = user("alice");
        Device pcListener = new Device();
        HearthClient phone = client(alice, Platforms.ANDROID, Transport.TCP, new Device());
        HearthClient pc = client(alice, Platforms.WINDOWS, Transport.WEBSOCKET, pcListener);
        List<SettingEntry> atPc = new CopyOnWriteArrayList<>();
        VersionSync<SettingEntry> pcSync = pc.settings().sync(0, (entries, v) -> atPc.addAll(entries));
        connect(phone);
        connect(pc);

        long silent = join(phone.settings().put(1, "0-bob-0", "1")).getVersion();
        await().atMost(WAIT).until(() -> atPc.size() == 1);
        assertThat(atPc.get(0)).isEqualTo(SettingEntry.newBuilder().setScope(1).setKey("0-bob-0").setValue("1")
                .setVersion(silent).build());
        assertThat(pcListener.got(NoticeKinds.SETTING, silent, "")).isTrue();
        long cleared = join(phone.settings().put(1, "0-bob-0", "")).getVersion();
        await().atMost(WAIT).until(() -> pcSync.version() == cleared);
        assertThat(atPc.get(1).getValue()).isEmpty();
        assertThat(codeOf(phone.settings().put(29, "k", "v"))).isEqualTo(251);

        long held = pcSync.version();
        pc.close();
        long top = join(phone.settings().put(3, "0-carol-0", "1")).getVersion();
        List<SettingEntry> afterReconnect = new CopyOnWriteArrayList<>();
        HearthClient pcAgain = client(alice, Platforms.WINDOWS, Transport.WEBSOCKET, new Device());
        pcAgain.settings().sync(held, (entries, v) -> afterReconnect.addAll(entries));
        connect(pcAgain);
        await().atMost(WAIT).until(() -> afterReconnect.size() == 1);
        assertThat(afterReconnect.get(0).getKey()).isEqualTo("0-carol-0");
        assertThat(afterReconnect.get(0).getVersion()).isEqualTo(top);
        assertThat(join(pcAgain.settings().pull(0)).getEntriesList()).hasSize(2);
    }

    @Test
    void profilesAreReadChangedAndSearched() {
        String alice = user("alice");
        String bob = user("bob");
        HearthClient a = connect(client(alice, Platforms.ANDROID, Transport.TCP, new Device()));
        HearthClient b = connect(client(bob, Platforms.ANDROID, Transport.TCP, new Device()));

        long changed = join(a.users().modifyMyInfo(Map.of(ProfileField.DISPLAY_NAME, "Alice A.",
                ProfileField.GENDER, "2"))).getUpdateDt();
        UserInfo seen = join(b.users().get(alice));
        assertThat(seen.getDisplayName()).isEqualTo("Alice A.");
        assertThat(seen.getUpdateDt()).isEqualTo(changed);
        assertThat(join(a.users().get(alice)).getGender()).isEqualTo(2);
        assertThat(join(b.users().search(alice, false, 0)).getUsersList()).extracting(UserInfo::getUid)
                .containsExactly(alice);

        assertThat(codeOf(b.users().get(Fixtures.id("nobody")))).isEqualTo(253);
        assertThat(codeOf(a.users().modifyMyInfo(Map.of(ProfileField.GENDER, "female")))).isEqualTo(251);
        assertThat(codeOf(b.users().search("", false, 0))).isEqualTo(251);
    }

    private static String user(String prefix) {
        return SdkCalls.user(node, prefix);
    }

    private HearthClient client(String user, int platform, Transport transport, Device listener) {
        return SdkCalls.client(node, clients, user, platform, transport, listener);
    }

    private static HearthClient connect(HearthClient c) {
        return SdkCalls.connect(c);
    }

    private static <T> T join(CompletableFuture<T> f) {
        return SdkCalls.join(f);
    }

    private static int codeOf(CompletableFuture<?> f) {
        return SdkCalls.codeOf(f);
    }

    /** What one SDK client's listener got: notices and the content types of its timeline entries. */
    static final class Device implements HearthListener {
        private final List<Notice> notices = new CopyOnWriteArrayList<>();
        private final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onNotice(Notice notice) {
            notices.add(notice);
        }

        @Override
        public void onMessages(List<Message> batch) {
            messages.addAll(batch);
        }

        boolean got(String kind, long version, String target) {
            return notices.stream().anyMatch(n -> n.getKind().equals(kind) && n.getVersion() == version
                    && n.getTarget().equals(target));
        }

        List<Integer> types() {
            return messages.stream().map(m -> m.getContent().getType()).toList();
        }
    }
}
