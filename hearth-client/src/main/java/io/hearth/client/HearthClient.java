package io.hearth.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.client.group.Groups;
import io.hearth.client.conversation.Conversations;
import io.hearth.client.message.Messages;
import io.hearth.client.history.History;
import io.hearth.client.reconnect.Backoff;
import io.hearth.client.relation.Friends;
import io.hearth.client.route.RouteClient;
import io.hearth.client.rpc.Caller;
import io.hearth.client.rpc.Replies;
import io.hearth.client.rpc.RpcClient;
import io.hearth.client.setting.Settings;
import io.hearth.client.sync.SuperGroupSync;
import io.hearth.client.sync.TimelineCursor;
import io.hearth.client.sync.TimelineSync;
import io.hearth.client.sync.VersionSyncs;
import io.hearth.client.transport.ChannelOpener;
import io.hearth.client.transport.NettyChannelOpener;
import io.hearth.client.user.Users;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.SessionInfoResult;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One user session with a Hearth server: connect (route, MQTT 5 over TCP or WebSocket, subscribe, catch up), send,
 * pull, and receive new timeline entries through a {@link HearthListener}, exactly once and in seq order.
 *
 * <p>Threading: the client is pinned to one Netty event loop (of its own one-thread group, or one loop of the group
 * passed to {@link HearthClientBuilder#eventLoopGroup}). All state lives on that loop. The public methods may be
 * called from any thread; they hand their work to the loop. Listener callbacks run on the loop, and the returned
 * futures complete on it: do not block in either (use the {@code *Async} stages to leave the loop).
 *
 * <p>Typed calls of the other features are grouped in small facades: {@link #users()}, {@link #friends()} (friends,
 * friend requests, blacklist), {@link #settings()}, {@link #groups()} and {@link #history()}; their {@code sync}
 * methods keep a versioned kind in step.
 */
public final class HearthClient implements AutoCloseable {

    private static final int MAX_BUFFERED_PUSH_ENTRIES = 10_000;

    private final ClientConfig config;
    private final EventLoopGroup ownedGroup;
    private final RpcClient rpc;
    private final Caller caller;
    private final TimelineSync sync;
    private final VersionSyncs versionSyncs;
    private final SuperGroupSync superGroups;
    private final SessionSupervisor supervisor;
    private final Users users;
    private final Friends friends;
    private final Settings settings;
    private final Groups groups;
    private final Messages messages;
    private final Conversations conversations;
    private final History history;

    HearthClient(ClientConfig config) {
        this(config, config.eventLoopGroup() != null ? null : newOwnedGroup());
    }

    private HearthClient(ClientConfig config, EventLoopGroup ownedGroup) {
        this(config, (ownedGroup != null ? ownedGroup : config.eventLoopGroup()).next(), null, ownedGroup);
    }

    /** For tests: a given loop and channel opener (null: NIO sockets on {@code loop}). */
    HearthClient(ClientConfig config, EventLoop loop, ChannelOpener opener, EventLoopGroup ownedGroup) {
        this.config = config;
        this.ownedGroup = ownedGroup;
        Backoff backoff = new Backoff(config.backoffMin(), config.backoffMax(), new SplittableRandom());
        this.rpc = new RpcClient(loop, config.requestTimeout());
        this.caller = new Caller(loop, rpc);
        this.versionSyncs = new VersionSyncs(loop, this::sessionInfoRpc, backoff);
        HearthListener app = new SafeListener(config.listener());
        this.superGroups = new SuperGroupSync(config.userId(), HearthClient::refusedForGood,
                this::pullSuperGroupRpc, this::sessionInfoRpc,
                app::onSuperGroupMessages, loop, backoff, config.superGroupSeqs());
        HearthListener listener = new SyncingListener(versionSyncs, config.followSuperGroups() ? superGroups : null,
                app);
        TimelineCursor cursor = new TimelineCursor(config.userId(), config.lastSeq(), MAX_BUFFERED_PUSH_ENTRIES);
        this.sync = new TimelineSync(cursor, this::pullRpc, listener::onMessages, loop, backoff);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (config.tls() != null) {
            http.sslContext(config.tls());
        }
        RouteClient route = config.direct() ? null : new RouteClient(http.build(),
                config.routeUrl(), new ObjectMapper(), config.requestTimeout());
        this.supervisor = new SessionSupervisor(config, loop,
                opener != null ? opener : new NettyChannelOpener(loop, config), route, rpc, sync, listener, backoff);
        this.users = new Users(caller);
        this.friends = new Friends(caller, versionSyncs);
        this.settings = new Settings(caller, versionSyncs);
        this.groups = new Groups(caller);
        this.messages = new Messages(caller);
        this.conversations = new Conversations(caller);
        this.history = new History(caller);
    }

    public static HearthClientBuilder builder() {
        return new HearthClientBuilder();
    }

    /**
     * Routes (unless direct), connects, subscribes to the pushes and pulls from {@link #lastSeq()} until caught up.
     * Fails with the first attempt's error (e.g. {@link HearthException} code 6 for a bad token); once a session was
     * established, later losses are handled by reconnecting (if enabled) and reported to the listener.
     */
    public CompletableFuture<Void> connect() {
        return caller.onLoop(supervisor::connect);
    }

    /**
     * Sends a message ({@code message.send}). The result's seq is this message's place in the user's own timeline;
     * the message itself is not delivered to the listener. While the client reconnects, the request waits for the
     * next session (within the request timeout); while idle, kicked or closed it fails at once. A request with a
     * {@code client_message_id} whose connection is lost before the reply is sent again on the next session, with
     * the same id (the server then stores it once and answers with the stored message), and gets a new request
     * timeout; without one it fails with 249 (outcome unknown).
     */
    public CompletableFuture<SendMessageResult> send(SendMessageRequest request) {
        String clientMessageId = request.getClientMessageId();
        return caller.onLoop(() -> {
            CompletableFuture<SendMessageResult> result = new CompletableFuture<>();
            sync.onSendIssued(clientMessageId);
            superGroups.onSendIssued(clientMessageId);
            // with a client message id the server stores a send once however often it gets it: resend after a loss
            rpc.call(Methods.MESSAGE_SEND, request.toByteArray(), !clientMessageId.isEmpty())
                    .whenComplete((reply, error) -> {
                        Throwable failure = error != null ? error : Replies.failure(reply, Reply.ResultCase.SEND);
                        if (failure != null) {
                            sync.onSendFailed(clientMessageId);
                            superGroups.onSendFailed(clientMessageId);
                            result.completeExceptionally(failure);
                        } else {
                            sync.onSendResult(clientMessageId, reply.getSend());
                            superGroups.onOwnSend(reply.getSend().getMessageUid());
                            result.complete(reply.getSend());
                        }
                    });
            return result;
        });
    }

    /** A text message to a user: single chat, content type 1 (text in searchable_content), persist flag 3. */
    public CompletableFuture<SendMessageResult> sendText(String peerUserId, String text) {
        return send(SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(peerUserId).setLine(0))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3))
                .setClientMessageId(UUID.randomUUID().toString())
                .build());
    }

    /**
     * A raw {@code message.pull}: entries with seq above {@code sinceSeq}. For history; it neither delivers to the
     * listener nor moves {@link #lastSeq()} (the client pulls by itself to stay in sync).
     */
    public CompletableFuture<PullMessageResult> pull(long sinceSeq, int limit) {
        return caller.onLoop(() -> pullRpc(sinceSeq, limit));
    }

    /**
     * A raw {@code message.pull} type 2 of a super group's shared timeline: entries with seq above {@code sinceSeq}.
     * For history; the client keeps its super groups in step by itself ({@link HearthListener#onSuperGroupMessages}).
     */
    public CompletableFuture<PullMessageResult> pullSuperGroup(String groupId, long sinceSeq, int limit) {
        return caller.onLoop(() -> pullSuperGroupRpc(groupId, sinceSeq, limit));
    }

    /** The last seq delivered of each super group; persist it and pass it to the next client. */
    public java.util.Map<String, Long> superGroupSeqs() {
        return superGroups.seqs();
    }

    /** {@code session.info}: the connected user, client, platform, serving node, server time and timeline head. */
    public CompletableFuture<SessionInfoResult> sessionInfo() {
        return caller.onLoop(this::sessionInfoRpc);
    }

    /** Users: profiles ({@code user.get_infos}, {@code user.modify_my_info}) and search. */
    public Users users() {
        return users;
    }

    /** Friends, friend requests and the blacklist ({@code friend.*}, {@code blacklist.set}), and their syncs. */
    public Friends friends() {
        return friends;
    }

    /** The user's settings ({@code setting.put}, {@code setting.pull}), and their sync. */
    public Settings settings() {
        return settings;
    }

    /** Groups ({@code group.*}): create and change them as the calling member, read infos and member lists. */
    public Groups groups() {
        return groups;
    }

    /** The server's conversation list with unread counts, and delivery and read receipts. */
    public Conversations conversations() {
        return conversations;
    }

    /** What happens to messages after they were sent: recall, edit, deleting one's own copy. */
    public Messages messages() {
        return messages;
    }

    /** Server history: a conversation's older messages page by page, and search of the user's own messages. */
    public History history() {
        return history;
    }

    /**
     * Any RPC method by name ({@code Methods}), with its request message: for the methods this class has no typed
     * call for. Completes with the {@code Reply} when its code is 0; fails with a {@link HearthException} carrying
     * the code otherwise. Not resent after a lost connection (it fails with 249 when the outcome is unknown).
     */
    public CompletableFuture<Reply> call(String method, com.google.protobuf.Message request) {
        byte[] payload = request.toByteArray();
        return caller.onLoop(() -> {
            CompletableFuture<Reply> result = new CompletableFuture<>();
            rpc.call(method, payload).whenComplete((reply, error) -> {
                Throwable failure = error != null ? error : reply.getCode() != Status.SUCCESS.code()
                        ? Replies.failure(reply, reply.getResultCase()) : null;
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(reply);
                }
            });
            return result;
        });
    }

    /** The last timeline seq delivered (or sent by this client); persist it and pass it to the next client. */
    public long lastSeq() {
        return sync.cursor().lastSeq();
    }

    /** Whether a session is established and caught up. */
    public boolean isConnected() {
        return supervisor.state() == SessionSupervisor.State.CONNECTED;
    }

    /** Disconnects, fails pending requests (code 4) and stops reconnecting; shuts down a private event loop group. */
    @Override
    public void close() {
        try {
            caller.onLoop(() -> {
                versionSyncs.close();
                supervisor.close();
                return CompletableFuture.completedFuture(null);
            });
        } finally {
            if (ownedGroup != null) {
                ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            }
        }
    }

    /** The settings this client was built with. */
    public ClientConfig config() {
        return config;
    }

    private CompletableFuture<PullMessageResult> pullRpc(long sinceSeq, int limit) {
        byte[] request = PullMessageRequest.newBuilder().setSinceSeq(sinceSeq).setLimit(limit).build().toByteArray();
        return Caller.result(purgedAsResult(rpc.call(Methods.MESSAGE_PULL, request)), Reply.ResultCase.PULL,
                Reply::getPull);
    }

    /**
     * A pull answered 26 (entries purged by the server's retention) still carries its result, with
     * {@code oldest_seq}: taken as a result, so the sync moves past the purged entries instead of failing.
     */
    private static CompletableFuture<Reply> purgedAsResult(CompletableFuture<Reply> call) {
        // not thenApply: a failure must stay the bare HearthException, not become a CompletionException
        CompletableFuture<Reply> out = new CompletableFuture<>();
        call.whenComplete((r, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(r.getCode() == Status.MESSAGES_PURGED.code() && r.hasPull()
                        ? r.toBuilder().setCode(0).build() : r);
            }
        });
        return out;
    }

    private CompletableFuture<PullMessageResult> pullSuperGroupRpc(String groupId, long sinceSeq, int limit) {
        byte[] request = PullMessageRequest.newBuilder().setType(2).setTarget(groupId).setSinceSeq(sinceSeq)
                .setLimit(limit).build().toByteArray();
        return Caller.result(purgedAsResult(rpc.call(Methods.MESSAGE_PULL, request)), Reply.ResultCase.PULL,
                Reply::getPull);
    }

    private CompletableFuture<SessionInfoResult> sessionInfoRpc() {
        return Caller.result(rpc.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance().toByteArray()),
                Reply.ResultCase.SESSION, Reply::getSession);
    }

    /** Not a member (9) or no such group (253): a super group pull that no retry will change. */
    private static boolean refusedForGood(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return t instanceof HearthException h
                && (h.code() == Status.NOT_IN_GROUP.code() || h.code() == Status.NOT_EXIST.code());
    }

    private static EventLoopGroup newOwnedGroup() {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hearth-client", true),
                NioIoHandler.newFactory());
    }
}
