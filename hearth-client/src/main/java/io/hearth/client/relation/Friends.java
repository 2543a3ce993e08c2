package io.hearth.client.relation;

import com.google.protobuf.MessageLite;
import io.hearth.client.rpc.Caller;
import io.hearth.client.sync.VersionListener;
import io.hearth.client.sync.VersionPage;
import io.hearth.client.sync.VersionSync;
import io.hearth.client.sync.VersionSyncs;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
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
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of the relation RPCs ({@code HearthClient.friends()}): friend requests, the friend list and the
 * blacklist. Every future completes on the client's event loop with the reply's result, or fails with a
 * {@link io.hearth.client.HearthException} carrying the server's code (16 repeated request, 18 rejected recently,
 * 23 already friends, 246 blacklisted, 251 bad field, 253 unknown user or no such request or friend, ...). Null
 * strings are sent as empty. Every change answers the caller's new {@link RelationVersions}, which are also handed
 * to this client's {@link #sync} and {@link #requestSync}, so they pull the change (the acting session gets no
 * Notice). Any thread.
 */
public final class Friends {

    private final Caller caller;
    private final VersionSyncs syncs;

    public Friends(Caller caller, VersionSyncs syncs) {
        this.caller = caller;
        this.syncs = syncs;
    }

    /** {@code friend.request}: asks {@code target} to become friends, with a reason shown to them. */
    public CompletableFuture<RelationVersions> request(String target, String reason) {
        return request(target, reason, "");
    }

    /** {@code friend.request} with an extra ({@code ≤ 8,192} characters) stored on the request. */
    public CompletableFuture<RelationVersions> request(String target, String reason, String extra) {
        return change(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(nz(target))
                .setReason(nz(reason)).setExtra(nz(extra)).build());
    }

    /** {@code friend.handle}: accepts the pending request {@code target} sent; both become friends. */
    public CompletableFuture<RelationVersions> accept(String target) {
        return accept(target, "");
    }

    /** Accepts, storing {@code extra} on both friend entries. */
    public CompletableFuture<RelationVersions> accept(String target, String extra) {
        return change(Methods.FRIEND_HANDLE, FriendHandleRequest.newBuilder().setTarget(nz(target)).setAccept(true)
                .setExtra(nz(extra)).build());
    }

    /** {@code friend.handle}: rejects the pending request {@code target} sent. */
    public CompletableFuture<RelationVersions> reject(String target) {
        return change(Methods.FRIEND_HANDLE, FriendHandleRequest.newBuilder().setTarget(nz(target)).setAccept(false)
                .build());
    }

    /** {@code friend.pull_requests}: requests from and to the caller changed after {@code sinceVersion}. */
    public CompletableFuture<FriendRequestsResult> pullRequests(long sinceVersion) {
        return caller.call(Methods.FRIEND_PULL_REQUESTS, since(sinceVersion), Reply.ResultCase.FRIEND_REQUESTS,
                Reply::getFriendRequests);
    }

    /** {@code friend.mark_read}: marks the requests to the caller up to this friend-request version read. */
    public CompletableFuture<RelationVersions> markRequestsRead(long version) {
        return change(Methods.FRIEND_MARK_READ, since(version));
    }

    /** {@code friend.pull}: friend entries changed after {@code sinceVersion} (a deleted friend has state 1). */
    public CompletableFuture<FriendsResult> pull(long sinceVersion) {
        return caller.call(Methods.FRIEND_PULL, since(sinceVersion), Reply.ResultCase.FRIENDS, Reply::getFriends);
    }

    /** {@code friend.delete}: ends the friendship both ways; 253 when not friends. */
    public CompletableFuture<RelationVersions> delete(String target) {
        return change(Methods.FRIEND_DELETE, FriendTarget.newBuilder().setTarget(nz(target)).build());
    }

    /** {@code friend.set_alias}: the caller's own name for {@code target}; empty clears it. */
    public CompletableFuture<RelationVersions> setAlias(String target, String alias) {
        return change(Methods.FRIEND_SET_ALIAS, FriendAliasRequest.newBuilder().setTarget(nz(target))
                .setAlias(nz(alias)).build());
    }

    /** {@code friend.set_extra}: the caller's own extra for {@code target}. */
    public CompletableFuture<RelationVersions> setExtra(String target, String extra) {
        return change(Methods.FRIEND_SET_EXTRA, FriendExtraRequest.newBuilder().setTarget(nz(target))
                .setExtra(nz(extra)).build());
    }

    /** {@code blacklist.set}: blocks (or unblocks) single-chat messages and friend requests from {@code target}. */
    public CompletableFuture<RelationVersions> setBlacklisted(String target, boolean blocked) {
        return change(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(nz(target)).setBlocked(blocked)
                .build());
    }

    /**
     * Keeps the app's friend list in step from {@code fromVersion} (0: everything): {@code listener} gets the
     * changed {@link FriendEntry}s (state 1: no longer a friend) and the friend version to persist with them.
     */
    public VersionSync<FriendEntry> sync(long fromVersion, VersionListener<FriendEntry> listener) {
        return syncs.register(NoticeKinds.FRIEND, SessionInfoResult::getFriendVersion,
                since -> pull(since).thenApply(r -> VersionPage.complete(r.getEntriesList(), r.getVersion())),
                listener, fromVersion);
    }

    /** Keeps the app's friend requests (from and to the user) in step from {@code fromVersion}. */
    public VersionSync<FriendRequestEntry> requestSync(long fromVersion, VersionListener<FriendRequestEntry> listener) {
        return syncs.register(NoticeKinds.FRIEND_REQUEST, SessionInfoResult::getFriendRequestVersion,
                since -> pullRequests(since).thenApply(r -> VersionPage.complete(r.getRequestsList(), r.getVersion())),
                listener, fromVersion);
    }

    private CompletableFuture<RelationVersions> change(String method, MessageLite request) {
        return caller.call(method, request, Reply.ResultCase.RELATION_VERSIONS, reply -> {
            RelationVersions v = reply.getRelationVersions();
            syncs.observed(NoticeKinds.FRIEND, v.getFriendVersion());
            syncs.observed(NoticeKinds.FRIEND_REQUEST, v.getRequestVersion());
            return v;
        });
    }

    private static FriendSince since(long version) {
        return FriendSince.newBuilder().setVersion(version).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
