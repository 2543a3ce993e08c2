package io.hearth.server.relation;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.BlacklistRequest;
import io.hearth.protocol.pb.FriendAliasRequest;
import io.hearth.protocol.pb.FriendEntry;
import io.hearth.protocol.pb.FriendExtraRequest;
import io.hearth.protocol.pb.FriendHandleRequest;
import io.hearth.protocol.pb.FriendRequestEntry;
import io.hearth.protocol.pb.FriendRequestRequest;
import io.hearth.protocol.pb.FriendRequestsResult;
import io.hearth.protocol.pb.FriendSince;
import io.hearth.protocol.pb.FriendTarget;
import io.hearth.protocol.pb.FriendsResult;
import io.hearth.protocol.pb.RelationVersions;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.SessionFacet;
import io.hearth.server.user.UserIds;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The relation feature's client RPC methods ({@code friend.*}, {@code blacklist.set}) and its part of
 * {@code session.info} (fields 30-31). Called on event loops; the work runs on the blocking executor.
 */
public final class RelationMethods {

    private RelationMethods() {
    }

    public static void register(RpcRegistry rpc, FriendRequests requests, Friends friends) {
        rpc.register(Methods.FRIEND_REQUEST, (c, req) -> {
            FriendRequestRequest r = req.parse(FriendRequestRequest.getDefaultInstance());
            return versions(requests.send(c.userId(), target(r.getTarget()), r.getReason(), r.getExtra(), false,
                    c.clientId()));
        });
        rpc.register(Methods.FRIEND_HANDLE, (c, req) -> {
            FriendHandleRequest r = req.parse(FriendHandleRequest.getDefaultInstance());
            return versions(requests.handle(c.userId(), target(r.getTarget()), r.getAccept(), r.getExtra(),
                    c.clientId()));
        });
        rpc.register(Methods.FRIEND_PULL_REQUESTS, (c, req) -> requests
                .pull(c.userId(), req.parse(FriendSince.getDefaultInstance()).getVersion())
                .thenApply(p -> Reply.newBuilder().setFriendRequests(requestsResult(p)).build()));
        rpc.register(Methods.FRIEND_MARK_READ, (c, req) -> versions(requests.markRead(c.userId(),
                req.parse(FriendSince.getDefaultInstance()).getVersion(), c.clientId())));
        rpc.register(Methods.FRIEND_PULL, (c, req) -> friends
                .pull(c.userId(), req.parse(FriendSince.getDefaultInstance()).getVersion())
                .thenApply(p -> Reply.newBuilder().setFriends(friendsResult(p)).build()));
        rpc.register(Methods.FRIEND_DELETE, (c, req) -> versions(friends.delete(c.userId(),
                target(req.parse(FriendTarget.getDefaultInstance()).getTarget()), c.clientId())));
        rpc.register(Methods.FRIEND_SET_ALIAS, (c, req) -> {
            FriendAliasRequest r = req.parse(FriendAliasRequest.getDefaultInstance());
            return versions(friends.setAlias(c.userId(), target(r.getTarget()), r.getAlias(), c.clientId()));
        });
        rpc.register(Methods.FRIEND_SET_EXTRA, (c, req) -> {
            FriendExtraRequest r = req.parse(FriendExtraRequest.getDefaultInstance());
            return versions(friends.setExtra(c.userId(), target(r.getTarget()), r.getExtra(), c.clientId()));
        });
        rpc.register(Methods.BLACKLIST_SET, (c, req) -> {
            BlacklistRequest r = req.parse(BlacklistRequest.getDefaultInstance());
            return versions(friends.setBlacklist(c.userId(), target(r.getTarget()), r.getBlocked(), c.clientId()));
        });
    }

    /** The caller's friend and friend-request versions. */
    public static SessionFacet versions(Friends friends) {
        return caller -> friends.versions(caller.userId()).thenApply(v -> (Consumer<SessionInfoResult.Builder>) b ->
                b.setFriendVersion(v.friend()).setFriendRequestVersion(v.request()));
    }

    private static String target(String target) {
        return UserIds.check("target", target);
    }

    private static CompletableFuture<Reply> versions(CompletableFuture<Versions> v) {
        return v.thenApply(x -> Reply.newBuilder().setRelationVersions(RelationVersions.newBuilder()
                .setFriendVersion(x.friend()).setRequestVersion(x.request())).build());
    }

    static FriendRequestsResult requestsResult(FriendRequests.Page p) {
        FriendRequestsResult.Builder b = FriendRequestsResult.newBuilder().setVersion(p.version());
        for (FriendRequest r : p.requests()) {
            b.addRequests(FriendRequestEntry.newBuilder().setFromUid(r.fromUid()).setToUid(r.toUid())
                    .setReason(nz(r.reason())).setExtra(nz(r.extra())).setStatus(r.status()).setRead(r.read())
                    .setUpdateDt(r.updatedAt()));
        }
        return b.build();
    }

    static FriendsResult friendsResult(Friends.Page p) {
        FriendsResult.Builder b = FriendsResult.newBuilder().setVersion(p.version());
        for (Friend f : p.entries()) {
            b.addEntries(FriendEntry.newBuilder().setUid(f.friendUid()).setState(f.state()).setAlias(nz(f.alias()))
                    .setBlacked(f.blacked()).setExtra(nz(f.extra())).setUpdateDt(f.updatedAt()));
        }
        return b.build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
