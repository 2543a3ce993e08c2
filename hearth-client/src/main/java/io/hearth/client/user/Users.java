package io.hearth.client.user;

import io.hearth.client.HearthException;
import io.hearth.client.rpc.Caller;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
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
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of the {@code user.*} RPCs ({@code HearthClient.users()}). Every future completes on the client's event
 * loop with the reply's result, or fails with a {@link HearthException} carrying the server's code (e.g. 251 for a
 * bad field, with the server's message). Null strings are sent as empty. Stateless; any thread.
 */
public final class Users {

    /** {@code UserResult.code}: the user does not exist. */
    public static final int NO_SUCH_USER = 1;
    /** {@code UserResult.code}: not changed since the {@code update_dt} asked with. */
    public static final int NOT_MODIFIED = 2;

    private final Caller caller;

    public Users(Caller caller) {
        this.caller = caller;
    }

    /**
     * {@code user.get_infos} as is: up to 500 {@code {uid, update_dt}} (the {@code update_dt} of the copy you hold,
     * 0 for none); one {@code UserResult} per entry, in order, with code 0 (user set), {@link #NO_SUCH_USER} or
     * {@link #NOT_MODIFIED}.
     */
    public CompletableFuture<GetUserInfosResult> getInfos(GetUserInfosRequest request) {
        return caller.call(Methods.USER_GET_INFOS, request, Reply.ResultCase.USER_INFOS, Reply::getUserInfos);
    }

    /** The current profiles of these users (no cached copies): one {@code UserResult} per uid, in order. */
    public CompletableFuture<GetUserInfosResult> getInfos(Collection<String> uids) {
        GetUserInfosRequest.Builder b = GetUserInfosRequest.newBuilder();
        uids.forEach(uid -> b.addRequest(UserRequest.newBuilder().setUid(nz(uid))));
        return getInfos(b.build());
    }

    /** One user's current profile; fails with 253 when there is no such user. */
    public CompletableFuture<UserInfo> get(String uid) {
        GetUserInfosRequest request = GetUserInfosRequest.newBuilder()
                .addRequest(UserRequest.newBuilder().setUid(nz(uid))).build();
        return caller.call(Methods.USER_GET_INFOS, request, Reply.ResultCase.USER_INFOS, reply -> {
            GetUserInfosResult r = reply.getUserInfos();
            if (r.getResultCount() != 1) {
                throw new HearthException(Status.INVALID_DATA, "user.get_infos answered " + r.getResultCount()
                        + " results for one user");
            }
            UserResult one = r.getResult(0);
            if (one.getCode() != 0 || !one.hasUser()) {
                throw new HearthException(Status.NOT_EXIST, "no user " + uid + " (code " + one.getCode() + ")");
            }
            return one.getUser();
        });
    }

    /**
     * {@code user.modify_my_info}: sets these fields of the caller's profile in one change (an empty value clears
     * one), or none of them; the result is the new {@code update_dt}. 251 for no field, a gender that is not a
     * number or a value over the field's limit.
     */
    public CompletableFuture<ModifyMyInfoResult> modifyMyInfo(Map<ProfileField, String> changes) {
        ModifyMyInfoRequest.Builder b = ModifyMyInfoRequest.newBuilder();
        changes.forEach((field, value) -> b.addEntry(InfoEntry.newBuilder().setType(field.type()).setValue(nz(value))));
        return caller.call(Methods.USER_MODIFY_MY_INFO, b.build(), Reply.ResultCase.MY_INFO, Reply::getMyInfo);
    }

    /**
     * {@code user.search}: users whose name, mobile or display name equals {@code keyword} (with {@code fuzzy}, also
     * display names that contain it); {@code page} counts from 0, 20 users a page. 251 for an empty keyword.
     */
    public CompletableFuture<SearchUserResult> search(String keyword, boolean fuzzy, int page) {
        SearchUserRequest request = SearchUserRequest.newBuilder().setKeyword(nz(keyword)).setFuzzy(fuzzy ? 1 : 0)
                .setPage(page).build();
        return caller.call(Methods.USER_SEARCH, request, Reply.ResultCase.USER_SEARCH, Reply::getUserSearch);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
