package io.hearth.server.user;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.GetUserInfosRequest;
import io.hearth.protocol.pb.GetUserInfosResult;
import io.hearth.protocol.pb.InfoEntry;
import io.hearth.protocol.pb.ModifyMyInfoRequest;
import io.hearth.protocol.pb.ModifyMyInfoResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SearchUserRequest;
import io.hearth.protocol.pb.SearchUserResult;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.UserRequest;
import io.hearth.protocol.pb.UserResult;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.RpcRequest;
import io.hearth.server.rpc.SessionFacet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The users feature's client RPCs: {@code user.get_infos} (per entry 0 ok, 1 not found, 2 not modified since the
 * client's {@code update_dt}), {@code user.modify_my_info} and {@code user.search}; and its part of
 * {@code session.info} (the update time of the caller's own profile). Called on event loops; the store work runs
 * in {@link UserProfiles}.
 */
public final class UserMethods {

    /** Most users one {@code user.get_infos} asks for. */
    public static final int MAX_INFOS = 500;
    /** Users in one page of {@code user.search}. */
    public static final int SEARCH_PAGE = 20;
    /** Longest search keyword (the name column). */
    public static final int MAX_KEYWORD = UserFields.NAME;
    /** Highest search page (0-based): deeper pages are refused rather than scanned. */
    public static final int MAX_PAGE = 500;

    static final int FOUND = 0;
    static final int NOT_FOUND = 1;
    static final int NOT_MODIFIED = 2;

    private final UserProfiles profiles;
    private final UserViews views;
    private final HearthConfig.Users config;

    public UserMethods(UserProfiles profiles, HearthConfig.Users config) {
        this.profiles = profiles;
        this.views = new UserViews(config.hiddenProperties());
        this.config = config;
    }

    public void register(RpcRegistry rpc) {
        rpc.register(Methods.USER_GET_INFOS, this::getInfos)
                .register(Methods.USER_MODIFY_MY_INFO, this::modifyMyInfo)
                .register(Methods.USER_SEARCH, this::search);
    }

    /** The update time of the caller's own profile. */
    public SessionFacet facet() {
        return caller -> profiles.find(caller.userId()).thenApply(u -> (Consumer<SessionInfoResult.Builder>)
                b -> b.setUserUpdateDt(u.map(User::updatedAt).orElse(0L)));
    }

    private CompletableFuture<Reply> getInfos(RpcMethod.Caller caller, RpcRequest req) {
        GetUserInfosRequest r = req.parse(GetUserInfosRequest.getDefaultInstance());
        FieldCheck.count("request", r.getRequestList(), MAX_INFOS);
        for (UserRequest u : r.getRequestList()) {
            UserIds.check("request.uid", u.getUid());
        }
        return profiles.findAll(r.getRequestList().stream().map(UserRequest::getUid).toList()).thenApply(found -> {
            Map<String, User> byId = new HashMap<>();
            found.forEach(u -> byId.put(u.userId(), u));
            GetUserInfosResult.Builder out = GetUserInfosResult.newBuilder();
            for (UserRequest q : r.getRequestList()) {
                User u = byId.get(q.getUid());
                UserResult.Builder e = UserResult.newBuilder().setUid(q.getUid());
                if (u == null) {
                    e.setCode(NOT_FOUND);
                } else if (q.getUpdateDt() > 0 && u.updatedAt() <= q.getUpdateDt()) {
                    e.setCode(NOT_MODIFIED);
                } else {
                    e.setCode(FOUND).setUser(views.view(u, caller.userId()));
                }
                out.addResult(e);
            }
            return Reply.newBuilder().setUserInfos(out).build();
        });
    }

    private CompletableFuture<Reply> modifyMyInfo(RpcMethod.Caller caller, RpcRequest req) {
        ModifyMyInfoRequest r = req.parse(ModifyMyInfoRequest.getDefaultInstance());
        if (r.getEntryCount() == 0) {
            throw FieldCheck.invalid("missing entry");
        }
        FieldCheck.count("entry", r.getEntryList(), ProfileField.values().length);
        Map<ProfileField, Object> values = new EnumMap<>(ProfileField.class);
        for (InfoEntry e : r.getEntryList()) {
            ProfileField f = ProfileField.ofMmiType(e.getType());
            values.put(f, f.value("entry.value (type " + e.getType() + ")", e.getValue()));
        }
        return profiles.update(caller.userId(), values, caller.clientId()).thenApply(u -> Reply.newBuilder()
                .setMyInfo(ModifyMyInfoResult.newBuilder().setUpdateDt(u.updatedAt())).build());
    }

    private CompletableFuture<Reply> search(RpcMethod.Caller caller, RpcRequest req) {
        SearchUserRequest r = req.parse(SearchUserRequest.getDefaultInstance());
        String keyword = r.getKeyword().strip();
        if (keyword.isEmpty()) {
            throw FieldCheck.invalid("missing keyword");
        }
        FieldCheck.text("keyword", keyword, MAX_KEYWORD);
        if (r.getFuzzy() != 0 && r.getFuzzy() != 1) {
            throw FieldCheck.invalid("fuzzy must be 0 (exact) or 1 (display names containing the keyword)");
        }
        if (r.getPage() < 0 || r.getPage() > MAX_PAGE) {
            throw FieldCheck.invalid("page must be between 0 and " + MAX_PAGE);
        }
        if (config.disableSearch()) {
            return CompletableFuture.completedFuture(Reply.newBuilder()
                    .setUserSearch(SearchUserResult.getDefaultInstance()).build());
        }
        UserSearch s = new UserSearch(keyword, r.getFuzzy() == 1, true, true, !config.disableUserIdSearch(),
                !config.disableNickNameSearch(), false, r.getPage() * SEARCH_PAGE, SEARCH_PAGE);
        return profiles.search(s).thenApply(list -> {
            SearchUserResult.Builder out = SearchUserResult.newBuilder();
            list.forEach(u -> out.addUsers(views.view(u, caller.userId())));
            return Reply.newBuilder().setUserSearch(out).build();
        });
    }
}
