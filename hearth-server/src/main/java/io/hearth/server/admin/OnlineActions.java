package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.mqtt.Connection;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.transport.http.HttpResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /admin/user/online_list} ({@code {nodeId, offset, count}}): one page of the clients connected to one node,
 * by user id and client id, with that node's {@code totalCount}. {@code nodeId} defaults to the node called; another
 * live node answers over {@link NodeCalls}, an unknown one is 3 (node not exist, as for a drain). Called on event
 * loops; the page is made on the blocking executor, a remote answer completes on a cluster thread.
 */
public final class OnlineActions implements AdminActions {

    static final String ONLINE_LIST = "admin.online_list";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionRegistry registry;
    private final Membership membership;
    private final NodeCalls calls;
    private final BlockingExecutor blocking;

    /** {@code blocking} sorts this node's connections, which may be many, off the event loop. */
    public OnlineActions(ConnectionRegistry registry, Membership membership, NodeCalls calls,
                         BlockingExecutor blocking) {
        this.registry = registry;
        this.membership = membership;
        this.calls = calls;
        this.blocking = blocking;
        calls.serve(ONLINE_LIST, request -> {
            try {
                JsonNode b = HttpResult.JSON.readTree(request);
                return local(b.path("offset").asInt(), b.path("count").asInt()).thenApply(OnlineActions::encode);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/user/online_list", this::onlineList);
    }

    private CompletableFuture<Object> onlineList(JsonNode b) {
        int nodeId = AdminJson.optionalInt(b, "nodeId", membership.selfId());
        int offset = UserProfileActions.offset(b);
        int count = UserProfileActions.count(b);
        if (nodeId == membership.selfId()) {
            return local(offset, count).thenApply(m -> m);
        }
        if (membership.liveNodes().stream().map(NodeInfo::nodeId).noneMatch(id -> id == nodeId)) {
            throw new StatusException(Status.NODE_NOT_EXIST, "node " + nodeId + " not exist");
        }
        byte[] request = encode(Map.of("offset", offset, "count", count));
        return calls.call(nodeId, ONLINE_LIST, request, TIMEOUT).thenApply(bytes -> {
            try {
                return HttpResult.JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] encode(Map<String, Object> value) {
        try {
            return HttpResult.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Map<String, Object>> local(int offset, int count) {
        return blocking.supply(() -> page(offset, count));
    }

    private Map<String, Object> page(int offset, int count) {
        List<Connection> all = registry.all().stream().filter(c -> c.state() == Connection.State.ACTIVE)
                .sorted(Comparator.comparing(Connection::userId).thenComparing(Connection::clientId)).toList();
        List<Map<String, Object>> page = all.stream().skip(offset).limit(count).map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userId", c.userId());
            m.put("clientId", c.clientId());
            m.put("platform", c.platform());
            return m;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userClients", page);
        out.put("totalCount", all.size());
        out.put("offset", offset);
        return out;
    }
}
