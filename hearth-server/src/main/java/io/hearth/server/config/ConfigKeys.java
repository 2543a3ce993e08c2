package io.hearth.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key Hearth knows, with its default and meaning. docs/configuration.md documents the same
 * list; {@code ConfigDocsTest} keeps the two (and conf/hearth.conf) in step.
 */
public final class ConfigKeys {

    static final List<ConfigKey> ALL = List.of(
            ConfigKey.text("server.ip", "0.0.0.0",
                    "Advertised host returned by the route. 0.0.0.0 means the first non-loopback address of this machine."),
            ConfigKey.text("host", "0.0.0.0", "Bind address of every listener."),
            ConfigKey.optionalPort("port", "1883", "MQTT over TCP port (bound and advertised as longPort); 'disabled' turns it off."),
            ConfigKey.port("http_port", 80, "HTTP port advertised to clients as shortPort."),
            ConfigKey.port("local_port", 80, "HTTP port bound for /route and /api/version."),
            ConfigKey.optionalPort("websocket_port", "8083", "MQTT over WebSocket port (path /mqtt); 'disabled' turns it off."),
            ConfigKey.optionalPort("secure_websocket_port", "disabled",
                    "MQTT over secure WebSocket port (TLS from jks_path, path /mqtt), advertised as wssPort when set."),
            ConfigKey.optionalPort("https_port", "disabled",
                    "HTTPS port for /route, /api/version, /api/nodes and /wstool (TLS from jks_path)."),
            ConfigKey.optionalPort("ssl_port", "disabled",
                    "MQTT over TLS port for native clients (TLS from jks_path), advertised as sslPort when set."),
            ConfigKey.text("jks_path", "",
                    "Key store (JKS or PKCS12) with the private key and certificate chain of the TLS ports; required when one is set."),
            ConfigKey.text("key_store_password", "", "Password of the key store at jks_path."),
            ConfigKey.text("key_manager_password", "",
                    "Password of the private key in the key store; empty means key_store_password."),
            ConfigKey.integer("tls.reload_interval_seconds", 60, 1, 86400,
                    "Seconds between checks of jks_path for a renewed certificate; a changed, valid store is used for new connections."),
            ConfigKey.text("websocket_proxy_host", "",
                    "Host advertised to web clients (wsHost) instead of server.ip, when a proxy carries their WebSocket."),
            ConfigKey.optionalPort("websocket_proxy_port", "disabled",
                    "Port advertised as wsPort instead of websocket_port (the proxy's port for this node)."),
            ConfigKey.optionalPort("websocket_proxy_secure_port", "disabled",
                    "Port advertised as wssPort instead of secure_websocket_port (the proxy's TLS port for this node)."),
            ConfigKey.text("server.backup_address", "",
                    "Extra entry points to this node (dual network): comma-separated host:short_port:long_port:ws_port."),
            ConfigKey.port("http.admin.port", 18080, "Server (admin) API port; keep it internal."),
            ConfigKey.text("http.admin.secret_key", "123456", "Secret of the server API signature sha1(nonce|secret|timestamp)."),
            ConfigKey.bool("http.admin.no_check_time", false, "When true the signature timestamp is not checked (tests only)."),
            ConfigKey.integer("http.admin.max_clock_skew_seconds", 300, 0, 3600,
                    "How far in the future a signature timestamp may lie (the app server's clock running ahead); beyond it 243."),
            ConfigKey.integer("http.admin.nonce_cache_size", 1_000_000, 1, 100_000_000,
                    "Signed calls this node remembers for the 2-hour replay window (about 20 bytes each); when full, new calls get 250."),
            ConfigKey.text("token.key", "testim", "Secret that signs client tokens (HMAC-SHA256). Changing it invalidates every token."),
            ConfigKey.integer("token.expire_time", 0, 0, Long.MAX_VALUE, "Token lifetime in ms; 0 means tokens never expire."),
            ConfigKey.integer("node_id", 1, 0, 127, "Node id, unique in the cluster; part of every message uid."),
            ConfigKey.integer("message.roaming", 0, 0, 1,
                    "First login on a device: 0 returns only messages within message.compensate_time_limit, 1 the whole timeline."),
            ConfigKey.integer("message.compensate_time_limit", 300000, 0, Long.MAX_VALUE,
                    "Window in ms of messages a first login receives when message.roaming is 0."),
            ConfigKey.integer("message.max_content_size", 65536, 1024, 16 * 1024 * 1024,
                    "Largest accepted message content in bytes (searchable content, content, data, extra together)."),
            // issue 11: history and search
            ConfigKey.bool("message.remote_history_message", true,
                    "When false message.load_history (server history of a conversation, the reference's LRM) answers 220."),
            ConfigKey.bool("message.disable_remote_search", false,
                    "When true message.search (search of the user's own messages) answers 220."),
            ConfigKey.bool("server.multi_endpoint", false, "When true a new session never kicks the user's other sessions."),
            ConfigKey.bool("server.multi_pc_endpoint", false, "When true PC sessions do not kick each other."),
            ConfigKey.bool("server.multi_pad_endpoint", false, "When true pad sessions do not kick each other."),
            ConfigKey.integer("netty.channel_timeout.seconds", 10, 1, 3600,
                    "Seconds a new connection may take to send CONNECT before it is closed."),
            ConfigKey.integer("http.header_timeout_seconds", 10, 1, 3600,
                    "Seconds a client may take to send a request's headers on the HTTP(S), admin and WebSocket ports; then 408 and close."),
            ConfigKey.integer("mqtt.max_packet_size", 262144, 1024, 256 * 1024 * 1024,
                    "Largest MQTT packet accepted, in bytes; a larger one closes the connection."),
            ConfigKey.integer("server.worker_threads", 0, 0, 1024, "Netty event-loop threads; 0 means one per core."),
            ConfigKey.integer("mqtt.max_pending_connections", 5000, 1, 10_000_000,
                    "Connections not logged in yet; a new one beyond it closes the oldest (a flood of idle connections only pushes out its own)."),
            ConfigKey.integer("mqtt.max_subscriptions", 100, 1, 100_000,
                    "Topic filters one connection may hold; SUBSCRIBE beyond it is refused (SUBACK 0x97, 0x80 on 3.1.1)."),
            ConfigKey.integer("mqtt.max_inflight_requests", 32, 1, 65535,
                    "Requests of one connection processed at once; the node reads no more of them until one is answered."),
            ConfigKey.integer("mqtt.outbound_buffer_bytes", 262144, 16384, 64 * 1024 * 1024,
                    "Bytes queued to one connection before it gets no more pushes (it pulls instead) and stops being read."),
            ConfigKey.integer("mqtt.outbound_max_pushes", 256, 1, 1_000_000,
                    "Push packets queued to one connection before it gets no more pushes (it pulls instead)."),
            ConfigKey.integer("mqtt.outbound_node_bytes", 0, 0, Long.MAX_VALUE,
                    "Bytes of pushes queued to all connections of the node together; 0 means a quarter of the direct memory limit."),
            ConfigKey.integer("mqtt.slow_consumer_timeout_seconds", 30, 1, 3600,
                    "Seconds a connection may stay over its outbound limit before it is closed as a slow consumer."),
            ConfigKey.text("cluster.members", "",
                    "Comma-separated host:port of the cluster members (Hazelcast TCP-IP join); empty = single node."),
            ConfigKey.text("cluster.host", "",
                    "Address this node's cluster port binds and announces; empty = host (127.0.0.1 when host is 0.0.0.0)."),
            ConfigKey.port("cluster.port", 5701, "Cluster (Hazelcast) port of this node."),
            ConfigKey.text("cluster.name", "hearth", "Cluster name; nodes with another name never join."),
            ConfigKey.integer("cluster.drain_request_wait_ms", 3000, 0, 600_000,
                    "How long a drain lets a connection's requests already read reply before it redirects the client."),
            ConfigKey.integer("cluster.failure_timeout_seconds", 10, 2, 600,
                    "Seconds without a heartbeat before a node is declared dead and its users move."),
            ConfigKey.choice("db.type", "h2", "Database: h2 (embedded file) or postgresql.", "h2", "postgresql"),
            ConfigKey.text("db.url", "", "JDBC URL; empty means an H2 file database at data/hearth under the working directory."),
            ConfigKey.text("db.user", "sa", "Database user."),
            ConfigKey.text("db.password", "", "Database password."),
            ConfigKey.integer("db.pool_size", 8, 1, 512, "Connections in the JDBC pool."),
            ConfigKey.integer("db.batch_size", 2048, 1, 100000,
                    "Most messages written in one group commit of the message writer."),
            ConfigKey.integer("db.writer_queue", 50000, 100, 10_000_000,
                    "Messages waiting for the writer before new sends are refused with 250 (busy)."),
            ConfigKey.integer("db.lock_timeout_ms", 5000, 100, 600_000,
                    "Longest wait for a row lock (a timeline head, a session) before the statement fails and is retried."),
            ConfigKey.integer("db.socket_timeout_seconds", 60, 0, 3600,
                    "PostgreSQL: seconds without an answer on a database connection before it is closed; 0 = never."),
            // users
            ConfigKey.bool("user.keep_display_name_when_destroy", true,
                    "When true a destroyed user keeps its display name (friends still see who it was); false clears it too."),
            new ConfigKey("user.hide_properties", "",
                    "Comma-separated profile fields hidden from other users' clients: 2 gender, 3 mobile, 4 email, 5 address, 6 company, 7 social, 8 extra.",
                    raw -> {
                        ConfigLoader.hiddenProperties(raw);
                        return raw;
                    }),
            ConfigKey.bool("friend.disable_search", false, "When true user.search finds nobody."),
            ConfigKey.bool("friend.disable_nick_name_search", false,
                    "When true user.search does not match display names."),
            ConfigKey.bool("friend.disable_user_id_search", true, "When true user.search does not match user ids."),
            // relations
            ConfigKey.bool("friend.disable_friend_request", false,
                    "When true clients cannot send friend requests (248); the server API's send_request with force can."),
            ConfigKey.integer("friend.repeat_request_duration", 604800000L, 0, Long.MAX_VALUE,
                    "ms after a request during which the same request again is refused with 16; 0 = no limit."),
            ConfigKey.integer("friend.reject_request_duration", 2592000000L, 0, Long.MAX_VALUE,
                    "ms after a rejection during which a new request to the same user is refused with 18; 0 = no limit."),
            ConfigKey.integer("friend.request_expiration_duration", 604800000L, 0, Long.MAX_VALUE,
                    "ms after which a pending request can no longer be handled (19); 0 = never expires."),
            ConfigKey.bool("friend.robot_auto_accept", true,
                    "When true a friend request to a robot (user type 1) is accepted at once."),
            ConfigKey.integer("friend.cache_ttl_seconds", 30, 1, 86400,
                    "Seconds a node keeps a user's relations in memory for the send checks without reading them again."),
            ConfigKey.integer("message.blacklist.strategy", 0, 0, 1,
                    "A single-chat message to a user who blacklisted the sender: 0 refused with 246, 1 accepted and dropped."),
            ConfigKey.numberList("message.blacklist_exception_types", "401,402,403,404,405,407,408,410,411",
                    "Content types (comma-separated) delivered despite the receiver's blacklist (VoIP signalling)."),
            ConfigKey.bool("message.disable_stranger_chat", false,
                    "When true a client may send single-chat messages only to friends (else 248); robots, devices and admins excepted."),
            ConfigKey.text("message.allow_stranger_chat_list", "admin,FireRobot,wfc_file_transfer",
                    "User ids (comma-separated) that may chat with, and be chatted with by, strangers when stranger chat is disabled."),
            // groups
            ConfigKey.integer("group.max_member_count", 2000, 1, 10_000_000,
                    "Most members of a group while system setting 1 (/admin/system/put_setting) is unset; a group's own max_member_count (modify type 8) wins. Beyond it 240."),
            ConfigKey.integer("group.visible_quit_or_kickoff_notification", 0, 0, 3,
                    "Which notifications use the visible types: 0 none, 1 quit (121 instead of 107), 2 kick (120 instead of 106), 3 both."),
            ConfigKey.integer("group.forbidden_client_operation", 0, 0, 0xFFF,
                    "Bit mask of the group operations clients may not do (248): 1 create, 2 dismiss, 4 join, 8 quit, 16 invite, 32 kick, 64 transfer, 128 set manager, 256 allow members, 512 mute all (modify type 3), 1024 modify info (the other types), 2048 mute members. The server API is exempt."),
            // issue 10: super groups
            ConfigKey.integer("group.super_group_threshold", 1000, 1, 10_000_000,
                    "Member count above which a group becomes a super group (read diffusion: one shared timeline, members pull it) for good, when created or when members are added. /admin/group/modify type 9 switches by hand."),
            ConfigKey.numberList("message.group_mute_exception_types", "401,402,403,404,405,407,408,410,411",
                    "Content types (comma-separated) a muted member, or any member of a muted group, may still send (VoIP signalling)."),
            // issue 10: client group ops
            ConfigKey.bool("group.allow_client_custom_operation_notification", true,
                    "When false a client's group change that carries its own notify_message is refused (248); the server API is exempt."),
            ConfigKey.bool("group.disable_stranger_invite", false,
                    "When true a client may add to a group (create, add_members) only its friends (else 248); the server API is exempt."),
            // issue 11: message lifecycle
            ConfigKey.integer("message.recall_time_limit", 120, 0, 100L * 365 * 86400,
                    "Seconds after sending within which a client may recall its own message; later 24. The server API has no limit."),
            ConfigKey.bool("message.disable_group_manager_recall", false,
                    "When true group owners and managers may no longer recall other members' messages (248)."),
            ConfigKey.bool("group.allow_owner_recall_self_msg", true,
                    "When true a group owner recalls its own group messages without message.recall_time_limit."),
            ConfigKey.bool("group.allow_manager_recall_self_msg", false,
                    "When true a group manager recalls its own group messages without message.recall_time_limit."),
            ConfigKey.numberList("message.allow_client_update_types", "",
                    "Comma-separated content types a client may edit in its own messages (message.update); empty = none (248). The server API edits any."),
            ConfigKey.integer("message.broadcast.batch_size", 500, 1, 100_000,
                    "Users whose timelines one background transaction of a broadcast (or its recall or deletion) fills; sends are written in between."),
            ConfigKey.integer("message.broadcast.lease_seconds", 30, 5, 86400,
                    "Seconds a node holds a broadcast after its last batch; when it stops (or dies) another node takes the broadcast over after this."),
            ConfigKey.integer("message.retention_days", 0, 0, 36500,
                    "Days a stored message is kept; older timeline entries and messages are purged in the background (a pull from before the kept range answers 26 with the oldest seq). 0 = keep forever."),
            ConfigKey.integer("message.retention_batch_rows", 1000, 10, 100_000,
                    "Timeline entries one purge transaction deletes at most (with the messages no longer referenced)."),
            ConfigKey.integer("message.retention_pause_ms", 100, 0, 60_000,
                    "Pause in ms between two purge transactions, so the purge never holds sends up for long."),
            ConfigKey.integer("message.retention_interval_seconds", 3600, 1, 7L * 86400,
                    "Seconds between the end of one purge run and the start of the next (each run goes through every timeline once)."),
            // issue 12: chatrooms
            ConfigKey.bool("chatroom.create_when_not_exist", true,
                    "When true a client's chatroom.join of a chatroom that does not exist creates it (title = its id); when false 253. A send to a missing room is 253."),
            ConfigKey.bool("chatroom.kickoff_other_platform", true,
                    "A user is in one chatroom at a time with one client: when true a second client's join takes the place of the first (which gets a chatroom_left notice); when false the second is refused with 225."),
            ConfigKey.integer("chatroom.participant_idle_time", 900_000, 1000, 30L * 86400 * 1000,
                    "Milliseconds after a member's last join, pull or send at which it is dropped from its chatroom."),
            ConfigKey.bool("chatroom.rejoin_when_active", true,
                    "When true a chatroom message from a user who is not (or no longer) in that chatroom joins it again; when false it is refused with 20."),
            ConfigKey.integer("chatroom.pull_message_count_when_join", 20, 0, 50,
                    "How many of the chatroom's last messages a join puts in the member's queue (pull type 1 from 0)."),
            ConfigKey.numberList("chatroom.key_message_type_list", "",
                    "Content types (comma-separated) a full chatroom queue keeps: other messages are dropped first (hearth.chatroom.dropped). Empty = none."),
            ConfigKey.integer("chatroom.queue_size", 1000, 10, 100_000,
                    "Chatroom messages one member's in-memory queue holds; beyond it the oldest are dropped, those of chatroom.key_message_type_list last."),
            // settings
            ConfigKey.integer("sensitive.filter.type", 0, 0, 3,
                    "A client message with a sensitive word: 0 refused (242), 1 accepted and dropped, 2 words replaced by ***, 3 sent and recorded."),
            ConfigKey.numberList("message.forbidden_client_send_types", "",
                    "Comma-separated content types only the server API may send; a client send of one is refused with 248. Empty = none."),
            ConfigKey.integer("client.request_rate_limit", 100, 0, 100_000_000,
                    "RPC requests one client of one user may make per method in each 5 s; beyond it 250 (PUBACK 0x97). Per node; 0 = no limit."),
            ConfigKey.integer("http.admin.rate_limit", 10000, 0, 100_000_000,
                    "Server API calls this node answers in each 10 s, all callers together; beyond it 250. Per node; 0 = no limit.")
    );

    private ConfigKeys() {
    }

    /** Key name to key, in documentation order. */
    static Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        for (ConfigKey k : ALL) {
            map.put(k.name(), k);
        }
        return map;
    }

    /** Rows of (key, default, meaning) for documentation and {@code hearth config}. */
    public static List<String[]> describe() {
        return ALL.stream().map(k -> new String[] {k.name(), k.defaultValue(), k.meaning()}).toList();
    }
}
