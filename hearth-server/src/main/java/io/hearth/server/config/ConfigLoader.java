package io.hearth.server.config;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code key value} config format of the reference ({@code #} starts a comment, blank lines ignored),
 * applies command-line overrides and validates every key. Any problem is a {@link ConfigException} naming the key,
 * the value and the line.
 */
public final class ConfigLoader {

    private final Map<String, ConfigKey> keys = ConfigKeys.byName();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    /** Reads a config file; later lines win over earlier ones. */
    public ConfigLoader file(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("cannot read config file " + path + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = indexOfWhitespace(line);
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space).strip();
            put(key, value, path + ":" + (i + 1));
        }
        return this;
    }

    /** One override, {@code key=value} as given with {@code --set}. */
    public ConfigLoader override(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("override '" + assignment + "' must look like key=value");
        }
        put(assignment.substring(0, eq).strip(), assignment.substring(eq + 1).strip(), "--set " + assignment);
        return this;
    }

    /** Sets one key programmatically (tests, embedded use). */
    public ConfigLoader set(String key, Object value) {
        put(key, String.valueOf(value), "set(" + key + ")");
        return this;
    }

    private void put(String key, String value, String origin) {
        if (!keys.containsKey(key)) {
            throw new ConfigException(origin + ": unknown config key '" + key + "'");
        }
        values.put(key, value);
        origins.put(key, origin);
    }

    public HearthConfig load() {
        Map<String, Object> parsed = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            String value = values.getOrDefault(key.name(), key.defaultValue());
            raw.put(key.name(), value);
            try {
                parsed.put(key.name(), key.parser().apply(value));
            } catch (IllegalArgumentException e) {
                String where = origins.getOrDefault(key.name(), "default");
                throw new ConfigException(where + ": bad value '" + value + "' for " + key.name() + ": " + e.getMessage());
            }
        }
        Typed t = new Typed(parsed);
        var network = new HearthConfig.Network(advertised(t.str("server.ip")), t.str("host"), t.i("port"),
                t.i("http_port"), t.i("local_port"), t.i("websocket_port"), t.i("secure_websocket_port"),
                t.i("https_port"), t.i("ssl_port"), tls(t), new HearthConfig.WebSocketProxy(
                        t.str("websocket_proxy_host").strip(), t.i("websocket_proxy_port"),
                        t.i("websocket_proxy_secure_port")), backups(t.str("server.backup_address")),
                t.i("netty.channel_timeout.seconds"), t.i("mqtt.max_packet_size"), t.i("server.worker_threads"),
                t.i("http.header_timeout_seconds"));
        var connections = new HearthConfig.Connections(t.i("mqtt.max_pending_connections"), t.i("mqtt.max_subscriptions"),
                t.i("mqtt.max_inflight_requests"), t.i("mqtt.outbound_buffer_bytes"),
                t.i("mqtt.outbound_max_pushes"), t.l("mqtt.outbound_node_bytes"), t.i("mqtt.slow_consumer_timeout_seconds"));
        var admin = new HearthConfig.Admin(t.i("http.admin.port"), t.str("http.admin.secret_key"),
                t.b("http.admin.no_check_time"), t.i("http.admin.max_clock_skew_seconds"),
                t.i("http.admin.nonce_cache_size"));
        var tokens = new HearthConfig.Tokens(t.str("token.key"), t.l("token.expire_time"), t.b("server.multi_endpoint"),
                t.b("server.multi_pc_endpoint"), t.b("server.multi_pad_endpoint"));
        var messages = new HearthConfig.Messages(t.i("message.roaming"), t.l("message.compensate_time_limit"),
                t.i("message.max_content_size"), t.b("message.remote_history_message"),
                t.b("message.disable_remote_search"), new HearthConfig.Retention(t.i("message.retention_days"),
                        t.i("message.retention_batch_rows"), t.l("message.retention_pause_ms"),
                        t.i("message.retention_interval_seconds")));
        String url = t.str("db.url").isBlank() ? defaultUrl(t.str("db.type")) : t.str("db.url");
        var db = new HearthConfig.Database(t.str("db.type"), url, t.str("db.user"), t.str("db.password"),
                t.i("db.pool_size"), t.i("db.batch_size"), t.i("db.writer_queue"), t.i("db.lock_timeout_ms"),
                t.i("db.socket_timeout_seconds"));
        List<String> members = Arrays.stream(t.str("cluster.members").split(","))
                .map(String::strip).filter(m -> !m.isEmpty()).toList();
        for (String m : members) {
            if (!m.matches("[^:\\s]+:\\d{1,5}")) {
                throw new ConfigException("bad value '" + m + "' in cluster.members: expected host:port");
            }
        }
        String clusterHost = t.str("cluster.host").isBlank()
                ? (t.str("host").equals("0.0.0.0") ? "127.0.0.1" : t.str("host")) : t.str("cluster.host");
        var cluster = new HearthConfig.Cluster(members, clusterHost, t.i("cluster.port"), t.str("cluster.name"),
                t.i("cluster.failure_timeout_seconds"), t.i("cluster.drain_request_wait_ms"));
        if (t.str("http.admin.secret_key").isBlank()) {
            throw new ConfigException("http.admin.secret_key must not be empty");
        }
        if (t.str("token.key").isBlank()) {
            throw new ConfigException("token.key must not be empty");
        }
        var users = new HearthConfig.Users(t.b("user.keep_display_name_when_destroy"),
                hiddenProperties(t.str("user.hide_properties")), t.b("friend.disable_search"),
                t.b("friend.disable_nick_name_search"), t.b("friend.disable_user_id_search"));
        // settings
        var policy = new HearthConfig.Policy(t.i("sensitive.filter.type"),
                numbers(parsed, "message.forbidden_client_send_types"),
                t.i("client.request_rate_limit"), t.i("http.admin.rate_limit"), t.i("http.robot.rate_limit"),
                t.i("http.channel.rate_limit"),
                new HearthConfig.Censor(t.str("sensitive.remote_server_url").strip(),
                        numbers(parsed, "sensitive.remote_sensitive_message_type"),
                        t.b("sensitive.remote_fail_when_matched"), t.i("sensitive.remote_timeout_ms"),
                        t.i("sensitive.remote_fallback")));
        return new HearthConfig(network, connections, admin, tokens, messages, db, cluster, t.i("node_id"), users,
                relations(t, parsed), policy, groups(t, parsed), lifecycle(t, parsed),
                new HearthConfig.Fanout(t.i("message.broadcast.batch_size"), t.i("message.broadcast.lease_seconds")),
                webhooks(t, parsed), chatrooms(t, parsed), Collections.unmodifiableMap(raw));
    }

    // webhooks
    private static HearthConfig.Webhooks webhooks(Typed t, Map<String, Object> parsed) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String[] key : ConfigKeys.WEBHOOK_URLS) {
            String url = t.str(key[0]).strip();
            if (url.isEmpty() && key[1] != null) {
                url = t.str(key[1]).strip();
            }
            if (!url.isEmpty()) {
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    throw new ConfigException("bad value '" + url + "' for " + key[0] + ": expected an http(s) URL");
                }
                urls.put(key[0], url);
            }
        }
        if (t.l("webhook.lease_seconds") * 1000 <= t.l("webhook.timeout_ms")) {
            throw new ConfigException("webhook.lease_seconds must be longer than webhook.timeout_ms");
        }
        return new HearthConfig.Webhooks(Map.copyOf(urls), numbers(parsed, "message.forward.types"),
                numbers(parsed, "message.forward.exclude_types"), t.b("message.no_forward_admin_message"),
                t.b("message.forward_with_client_info"), t.str("webhook.secret"), t.i("webhook.workers"),
                t.i("webhook.timeout_ms"), t.l("webhook.backoff_initial_ms"), t.l("webhook.backoff_max_ms"),
                t.l("webhook.max_age_seconds"), t.i("webhook.lease_seconds"), t.i("webhook.poll_interval_ms"));
    }

    // relations
    private static HearthConfig.Relations relations(Typed t, Map<String, Object> parsed) {
        return new HearthConfig.Relations(t.b("friend.disable_friend_request"), t.l("friend.repeat_request_duration"),
                t.l("friend.reject_request_duration"), t.l("friend.request_expiration_duration"),
                t.b("friend.robot_auto_accept"), t.i("friend.cache_ttl_seconds"), t.i("message.blacklist.strategy"),
                numbers(parsed, "message.blacklist_exception_types"),
                t.b("message.disable_stranger_chat"), textSet(t.str("message.allow_stranger_chat_list")));
    }

    // groups
    private static HearthConfig.Groups groups(Typed t, Map<String, Object> parsed) {
        return new HearthConfig.Groups(t.i("group.max_member_count"), t.i("group.visible_quit_or_kickoff_notification"),
                numbers(parsed, "message.group_mute_exception_types"), t.i("group.forbidden_client_operation"),
                t.b("group.allow_client_custom_operation_notification"), t.b("group.disable_stranger_invite"),
                t.i("group.super_group_threshold"));
    }

    // chatrooms
    private static HearthConfig.Chatrooms chatrooms(Typed t, Map<String, Object> parsed) {
        return new HearthConfig.Chatrooms(t.b("chatroom.create_when_not_exist"), t.b("chatroom.kickoff_other_platform"),
                t.l("chatroom.participant_idle_time"), t.b("chatroom.rejoin_when_active"),
                t.i("chatroom.pull_message_count_when_join"), numbers(parsed, "chatroom.key_message_type_list"),
                t.i("chatroom.queue_size"));
    }

    // message lifecycle
    private static HearthConfig.Lifecycle lifecycle(Typed t, Map<String, Object> parsed) {
        return new HearthConfig.Lifecycle(t.l("message.recall_time_limit"), t.b("message.disable_group_manager_recall"),
                t.b("group.allow_owner_recall_self_msg"), t.b("group.allow_manager_recall_self_msg"),
                numbers(parsed, "message.allow_client_update_types"));
    }

    /** The value of a {@link ConfigKey#numberList} key. */
    @SuppressWarnings("unchecked")
    private static Set<Integer> numbers(Map<String, Object> parsed, String key) {
        return (Set<Integer>) parsed.get(key);
    }

    private static Set<String> textSet(String raw) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String e : raw.split(",")) {
            if (!e.isBlank()) {
                out.add(e.strip());
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The key store, or null when no TLS port is set; a TLS port without {@code jks_path} is an error. */
    private static HearthConfig.Tls tls(Typed t) {
        List<String> tlsPorts = List.of("https_port", "secure_websocket_port", "ssl_port").stream()
                .filter(k -> t.i(k) >= 0).toList();
        String path = t.str("jks_path").strip();
        if (tlsPorts.isEmpty()) {
            return null;
        }
        if (path.isEmpty()) {
            throw new ConfigException(String.join(", ", tlsPorts) + (tlsPorts.size() == 1 ? " needs" : " need")
                    + " a key store: set jks_path"
                    + " (and key_store_password, key_manager_password)");
        }
        String storePassword = t.str("key_store_password");
        String keyPassword = t.str("key_manager_password").isEmpty() ? storePassword : t.str("key_manager_password");
        return new HearthConfig.Tls(Path.of(path), storePassword, keyPassword, t.i("tls.reload_interval_seconds"));
    }

    /** {@code host:short:long:ws[,...]}, all four parts mandatory, as in the reference. */
    static List<HearthConfig.BackupAddress> backups(String raw) {
        List<HearthConfig.BackupAddress> out = new ArrayList<>();
        for (String entry : raw.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String[] f = e.split(":");
            if (f.length != 4 || f[0].isBlank()) {
                throw new ConfigException("bad value '" + e + "' in server.backup_address: expected"
                        + " host:short_port:long_port:ws_port (all four parts)");
            }
            try {
                out.add(new HearthConfig.BackupAddress(f[0].strip(), backupPort(f[1]), backupPort(f[2]),
                        backupPort(f[3])));
            } catch (NumberFormatException ex) {
                throw new ConfigException("bad value '" + e + "' in server.backup_address: ports must be 1..65535");
            }
        }
        return List.copyOf(out);
    }

    private static int backupPort(String s) {
        int p = Integer.parseInt(s.strip());
        if (p < 1 || p > 65535) {
            throw new NumberFormatException(s);
        }
        return p;
    }

    private static String defaultUrl(String type) {
        if (!type.equals("h2")) {
            throw new ConfigException("db.url must be set when db.type is " + type);
        }
        return "jdbc:h2:file:./data/hearth";
    }

    private static String advertised(String ip) {
        if (!ip.equals("0.0.0.0") && !ip.isBlank()) {
            return ip;
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code user.hide_properties}: a comma-separated list of field numbers 2..8, empty for none. */
    static Set<Integer> hiddenProperties(String raw) {
        Set<Integer> out = new TreeSet<>();
        for (String part : raw.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int v = Integer.parseInt(p);
                if (v >= 2 && v <= 8) {
                    out.add(v);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    "expected a comma-separated list of numbers from 2 (gender) to 8 (extra)");
        }
        return Collections.unmodifiableSet(out);
    }

    private record Typed(Map<String, Object> m) {
        String str(String k) {
            return (String) m.get(k);
        }

        long l(String k) {
            return (Long) m.get(k);
        }

        int i(String k) {
            return (int) (long) (Long) m.get(k);
        }

        boolean b(String k) {
            return (Boolean) m.get(k);
        }
    }
}
