package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.user.ProfileField;
import io.hearth.protocol.pb.GetUserInfosRequest;
import io.hearth.protocol.pb.GetUserInfosResult;
import io.hearth.protocol.pb.InfoEntry;
import io.hearth.protocol.pb.ModifyMyInfoRequest;
import io.hearth.protocol.pb.ModifyMyInfoResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SearchUserRequest;
import io.hearth.protocol.pb.SearchUserResult;
import io.hearth.protocol.pb.UserInfo;
import io.hearth.protocol.pb.UserRequest;
import io.hearth.protocol.pb.UserResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code client.users()}: profiles, the caller's own changes and search, with the server's codes as failures. */
class UsersCallsTest extends EmbeddedClientTest {

    private static final UserInfo BOB = UserInfo.newBuilder().setUid("bob").setName("bob").setDisplayName("Bob")
            .setUpdateDt(1700).build();

    @Test
    void getAsksForTheCurrentProfileAndCompletesWithIt() throws Exception {
        connected();
        CompletableFuture<UserInfo> bob = client.users().get("bob");
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/user.get_infos");
        assertThat(GetUserInfosRequest.parseFrom(r.payload())).isEqualTo(GetUserInfosRequest.newBuilder()
                .addRequest(UserRequest.newBuilder().setUid("bob")).build());
        server().reply(r, infos(UserResult.newBuilder().setUid("bob").setUser(BOB).build()));
        assertThat(bob.join()).isEqualTo(BOB);
    }

    @Test
    void getOfAnUnknownUserFailsWith253AndABadIdWithTheServersCode() {
        connected();
        CompletableFuture<UserInfo> nobody = client.users().get("nobody");
        server().reply(server().nextRequest(), infos(UserResult.newBuilder().setUid("nobody").setCode(1).build()));
        assertThat(codeOf(nobody)).isEqualTo(253);

        CompletableFuture<UserInfo> bad = client.users().get("");
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(251).setMsg("request.uid is missing").build());
        assertThat(codeOf(bad)).isEqualTo(251);
    }

    @Test
    void getInfosKeepsOneResultPerUserInOrder() throws Exception {
        connected();
        CompletableFuture<GetUserInfosResult> both = client.users().getInfos(List.of("bob", "carol"));
        ScriptedServer.Request r = server().nextRequest();
        assertThat(GetUserInfosRequest.parseFrom(r.payload()).getRequestList()).extracting(UserRequest::getUid)
                .containsExactly("bob", "carol");
        GetUserInfosResult answer = GetUserInfosResult.newBuilder()
                .addResult(UserResult.newBuilder().setUid("bob").setUser(BOB))
                .addResult(UserResult.newBuilder().setUid("carol").setCode(1)).build();
        server().reply(r, Reply.newBuilder().setUserInfos(answer).build());
        assertThat(both.join()).isEqualTo(answer);
    }

    @Test
    void modifyMyInfoSendsEachFieldWithItsWireType() throws Exception {
        connected();
        Map<ProfileField, String> changes = new EnumMap<>(ProfileField.class);
        changes.put(ProfileField.DISPLAY_NAME, "Alice A.");
        changes.put(ProfileField.GENDER, "2");
        changes.put(ProfileField.EXTRA, null);
        CompletableFuture<ModifyMyInfoResult> modified = client.users().modifyMyInfo(changes);
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/user.modify_my_info");
        assertThat(ModifyMyInfoRequest.parseFrom(r.payload()).getEntryList()).containsExactly(
                InfoEntry.newBuilder().setType(0).setValue("Alice A.").build(),
                InfoEntry.newBuilder().setType(2).setValue("2").build(),
                InfoEntry.newBuilder().setType(8).build());
        server().reply(r, Reply.newBuilder().setMyInfo(ModifyMyInfoResult.newBuilder().setUpdateDt(1800)).build());
        assertThat(modified.join().getUpdateDt()).isEqualTo(1800);
    }

    @Test
    void searchSendsKeywordFuzzyAndPage() throws Exception {
        connected();
        CompletableFuture<SearchUserResult> found = client.users().search("bo", true, 2);
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/user.search");
        assertThat(SearchUserRequest.parseFrom(r.payload())).isEqualTo(SearchUserRequest.newBuilder()
                .setKeyword("bo").setFuzzy(1).setPage(2).build());
        server().reply(r, Reply.newBuilder().setUserSearch(SearchUserResult.newBuilder().addUsers(BOB)).build());
        assertThat(found.join().getUsersList()).containsExactly(BOB);

        CompletableFuture<SearchUserResult> exact = client.users().search("bob", false, 0);
        assertThat(SearchUserRequest.parseFrom(server().nextRequest().payload()).getFuzzy()).isZero();
        assertThat(exact).isNotDone();
    }

    private static Reply infos(UserResult... results) {
        return Reply.newBuilder().setUserInfos(GetUserInfosResult.newBuilder().addAllResult(List.of(results)))
                .build();
    }
}
