package io.hearth.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable configuration of one node, loaded once by {@link ConfigLoader} and passed by
 * constructor. Ports are -1 when disabled, 0 for an ephemeral port (tests).
 */
public record HearthConfig(Network network, Connections connections, Admin admin, Tokens tokens, Messages messages,
                           Database database, Cluster cluster, int nodeId, Users users, Relations relations,
                           Policy policy, Groups groups, Lifecycle lifecycle, Fanout fanout,
                           Webhooks webhooks, Chatrooms chatrooms, Map<String, String> raw) {

    /**
     * Listeners and advertised addresses. Ports are bound ports except {@code httpPortAdvertised}; what web clients
     * are told comes from {@code proxy} when set. {@code tls} is null when no key store is configured.
     */
    public record Network(String advertisedHost, String bindHost, int mqttPort, int httpPortAdvertised,
                          int httpPortBound, int websocketPort, int secureWebsocketPort, int httpsPort, int sslPort,
                          Tls tls, WebSocketProxy proxy, List<BackupAddress> backups, int channelTimeoutSeconds,
                          int maxPacketSize, int workerThreads, int headerTimeoutSeconds) {
    }

    /**
     * The key store of the TLS ports ({@code jks_path}, {@code key_store_password}, {@code key_manager_password}),
     * checked for changes every {@code reloadSeconds} ({@code tls.reload_interval_seconds}).
     */
    public record Tls(Path keyStore, String storePassword, String keyPassword, int reloadSeconds) {
    }

    /**
     * What web clients are told instead of {@code server.ip} and the WebSocket ports when a proxy carries their
     * connections ({@code websocket_proxy_*}); empty host and -1 ports mean "not set".
     */
    public record WebSocketProxy(String host, int port, int securePort) {
    }

    /** One {@code server.backup_address} entry: another way to reach this node (dual network). */
    public record BackupAddress(String host, int shortPort, int longPort, int wsPort) {
    }

    /**
     * What MQTT connections may hold on this node: connections not logged in yet (all together), and per connection
     * topic filters, requests in flight, and pushes queued to it before it is switched to pull
     * ({@code outboundBytes}, {@code outboundPushes}, and {@code nodeOutboundBytes} for all connections together,
     * 0 = automatic) and, after {@code slowConsumerTimeoutSeconds} over the limit, closed.
     */
    public record Connections(int maxPending, int maxSubscriptions, int maxInflight, int outboundBytes,
                              int outboundPushes, long nodeOutboundBytes, int slowConsumerTimeoutSeconds) {
    }

    /**
     * The signed server API; {@code maxClockSkewSeconds} and {@code nonceCacheSize} bound the replay check (future
     * timestamps, remembered calls).
     */
    public record Admin(int port, String secretKey, boolean noCheckTime, int maxClockSkewSeconds,
                        int nonceCacheSize) {
    }

    /** Token signing and the multi-device kick rules. */
    public record Tokens(String key, long expireMillis, boolean multiEndpoint, boolean multiPcEndpoint,
                         boolean multiPadEndpoint) {
    }

    /**
     * Message sync, and the server history ({@code message.load_history}, on when {@code remoteHistory}) and search
     * ({@code message.search}, off when {@code disableRemoteSearch}).
     */
    public record Messages(int roaming, long compensateTimeLimitMillis, int maxContentSize, boolean remoteHistory,
                           boolean disableRemoteSearch, Retention retention) {
    }

    /**
     * The background purge ({@code message.retention_*}): messages older than {@code days} (0 = never purged),
     * at most {@code batchRows} timeline entries per transaction, {@code pauseMillis} between transactions,
     * {@code intervalSeconds} between runs.
     */
    public record Retention(int days, int batchRows, long pauseMillis, int intervalSeconds) {

        public boolean enabled() {
            return days > 0;
        }

        /** Entries and messages older than this (epoch ms) are purged; {@link Long#MIN_VALUE} when none is. */
        public long cutoff(long nowMillis) {
            return enabled() ? nowMillis - days * 86_400_000L : Long.MIN_VALUE;
        }
    }

    /**
     * Users and profiles: whether a destroyed user keeps its display name, the profile fields hidden from other
     * users' clients (the reference's numbers, 2 gender .. 8 extra), and which matches {@code user.search} makes.
     */
    public record Users(boolean keepDisplayNameWhenDestroy, Set<Integer> hiddenProperties,
                        boolean disableSearch, boolean disableNickNameSearch, boolean disableUserIdSearch) {
    }

    /** Cluster membership; {@code members} empty means a single node without Hazelcast. */
    public record Cluster(List<String> members, String host, int port, String name, int failureTimeoutSeconds,
                          int drainRequestWaitMillis) {

        public boolean enabled() {
            return !members.isEmpty();
        }
    }

    /**
     * What every client send and request passes: the sensitive-word filter type (0 reject,
     * 1 drop, 2 replace, 3 record), the content types only the server API may send, and the per-node rate limits
     * ({@code clientRequests} per user, client and method in each 5 s; {@code adminCalls} in each 10 s; 0 = none).
     */
    public record Policy(int sensitiveFilterType, Set<Integer> forbiddenClientSendTypes, int clientRequests,
                         int adminCalls, int robotCalls, int channelCalls, Censor censor) {
    }

    /**
     * The store of record. {@code lockTimeoutMillis} bounds every wait for a row lock; {@code socketTimeoutSeconds}
     * (PostgreSQL, 0 = off) closes a connection whose server stopped answering.
     */
    public record Database(String type, String url, String user, String password, int poolSize, int batchSize,
                           int writerQueue, int lockTimeoutMillis, int socketTimeoutSeconds) {

        /** With the default lock timeout (5 s) and socket timeout (60 s). */
        public Database(String type, String url, String user, String password, int poolSize, int batchSize,
                        int writerQueue) {
            this(type, url, user, password, poolSize, batchSize, writerQueue, 5000, 60);
        }
    }

    /**
     * Friend requests and the single-chat send policy. Durations in ms, 0 = no limit;
     * {@code cacheTtlSeconds} bounds how long a node trusts relations it read when another node's change signal
     * did not reach it.
     */
    public record Relations(boolean disableFriendRequest, long repeatRequestMillis, long rejectRequestMillis,
                            long requestExpirationMillis, boolean robotAutoAccept, int cacheTtlSeconds,
                            int blacklistStrategy, Set<Integer> blacklistExceptionTypes, boolean disableStrangerChat,
                            Set<String> allowStrangerChat) {
    }

    /**
     * Groups: {@code defaultMaxMemberCount} while system setting 1 is unset, which of kick (bit 2) and quit (bit 1)
     * notifications use the visible types 120/121, and the content types a muted member or a muted group may still
     * send; {@code forbiddenClientOperations}, the bit mask of the group RPCs clients may not call;
     * {@code clientCustomNotification}, whether a client's change may carry its own notification;
     * {@code disableStrangerInvite}, whether a client may add only its friends; {@code superGroupThreshold}, the
     * member count above which a group becomes a super group.
     */
    public record Groups(int defaultMaxMemberCount, int visibleQuitOrKickoff, Set<Integer> muteExceptionTypes,
                         int forbiddenClientOperations, boolean clientCustomNotification,
                         boolean disableStrangerInvite, int superGroupThreshold) {
    }

    /**
     * What may happen to a message after it was sent: a client recalls its own message within
     * {@code recallTimeLimitSeconds} (24 after), a group owner or manager also members' messages unless
     * {@code disableGroupManagerRecall}, their own ones without a limit when {@code allowOwnerRecallSelf} /
     * {@code allowManagerRecallSelf}; a client edits its own messages of the {@code clientUpdateTypes} content types.
     */
    public record Lifecycle(long recallTimeLimitSeconds, boolean disableGroupManagerRecall,
                            boolean allowOwnerRecallSelf, boolean allowManagerRecallSelf,
                            Set<Integer> clientUpdateTypes) {
    }

    /**
     * Broadcasts fan out in the background: {@code batchSize} users' timelines per writer transaction; a node holds
     * a job for {@code leaseSeconds} after its last batch, then another node may take it over.
     */
    public record Fanout(int batchSize, int leaseSeconds) {
    }

    /**
     * Chatrooms: whether a join of a missing room creates it ({@code createWhenNotExist}), whether a second client of
     * a user that joins takes the room over from the first or is refused with 225 ({@code kickoffOtherPlatform}),
     * after how long without a join, pull or send a member is dropped ({@code idleMillis}), whether a send of a
     * dropped member joins it again ({@code rejoinWhenActive}), how many of the room's last messages a join puts in
     * the member's queue ({@code pullOnJoin}), the content types kept when a queue is full ({@code keyTypes}), and
     * the messages one member's queue holds ({@code queueSize}).
     */
    public record Chatrooms(boolean createWhenNotExist, boolean kickoffOtherPlatform, long idleMillis,
                            boolean rejoinWhenActive, int pullOnJoin, Set<Integer> keyTypes, int queueSize) {
    }

    /**
     * The webhooks: {@code urls} by their community-edition key (an alias's value when only it is set; a key
     * without a URL is absent), the message forward filters, the HMAC key ({@code webhook.secret}, empty = unsigned)
     * and the delivery's pool, timeout, backoff, maximum age, lease and poll interval.
     */
    public record Webhooks(Map<String, String> urls, Set<Integer> forwardTypes, Set<Integer> forwardExcludeTypes,
                           boolean noForwardAdminMessage, boolean forwardWithClientInfo, String secret, int workers,
                           int timeoutMs, long backoffInitialMs, long backoffMaxMs, long maxAgeSeconds,
                           int leaseSeconds, int pollIntervalMs) {
    }

    /**
     * The remote censor ({@code sensitive.remote_*}): its URL (empty: off), the content types it judges (empty:
     * all), whether its block refuses (242) or drops, its timeout, and what happens without an answer (0 send,
     * 1 refuse with 4).
     */
    public record Censor(String url, Set<Integer> types, boolean failWhenMatched, int timeoutMs, int fallback) {

        public boolean enabled() {
            return !url.isEmpty();
        }
    }
}
