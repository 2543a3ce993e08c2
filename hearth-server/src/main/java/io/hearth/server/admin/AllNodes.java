package io.hearth.server.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.transport.http.HttpResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks every live node for one JSON object (its health, its connection count) and lists the answers in node id
 * order: this node's directly, the others' over {@link NodeCalls} with a short timeout. A node that does not answer
 * in time is listed as {@code {"node": ..., "status": "unreachable"}} instead of failing the whole call.
 * {@link #gather} is called on event loops; the other nodes' answers complete on cluster threads.
 */
public final class AllNodes {

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Membership membership;
    private final NodeCalls calls;
    private final Duration timeout;

    public AllNodes(Membership membership, NodeCalls calls, Duration timeout) {
        this.membership = membership;
        this.calls = calls;
        this.timeout = timeout;
    }

    /** Answers {@code method} for the other nodes with this node's object. */
    void serve(String method, Supplier<CompletableFuture<Map<String, Object>>> local) {
        serve(method, request -> local.get());
    }

    /** Answers {@code method} for the other nodes with this node's object for the request's bytes. */
    void serve(String method, Function<byte[], CompletableFuture<Map<String, Object>>> local) {
        calls.serve(method, request -> local.apply(request).thenApply(AllNodes::encode));
    }

    /**
     * Every live node's object for {@code method}; {@code nodeValue} renders a node id as the {@code node} field of
     * an unreachable entry (the reference writes it as a string in health, a number elsewhere).
     */
    CompletableFuture<List<Map<String, Object>>> gather(String method,
            Supplier<CompletableFuture<Map<String, Object>>> local, IntFunction<Object> nodeValue) {
        return gather(method, new byte[0], request -> local.get(), nodeValue);
    }

    /** As {@link #gather(String, Supplier, IntFunction)}, with a request every node answers. */
    CompletableFuture<List<Map<String, Object>>> gather(String method, byte[] request,
            Function<byte[], CompletableFuture<Map<String, Object>>> local, IntFunction<Object> nodeValue) {
        TreeSet<Integer> ids = new TreeSet<>();
        membership.liveNodes().stream().map(NodeInfo::nodeId).forEach(ids::add);
        ids.add(membership.selfId());
        List<CompletableFuture<Map<String, Object>>> answers = new ArrayList<>();
        for (int id : ids) {
            CompletableFuture<Map<String, Object>> answer = id == membership.selfId() ? local.apply(request)
                    : calls.call(id, method, request, timeout).thenApply(AllNodes::decode)
                            .exceptionally(e -> unreachable(nodeValue.apply(id)));
            answers.add(answer);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(v -> answers.stream().map(CompletableFuture::join).toList());
    }

    private static Map<String, Object> unreachable(Object node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", node);
        m.put("status", "unreachable");
        return m;
    }

    private static byte[] encode(Map<String, Object> value) {
        try {
            return HttpResult.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> decode(byte[] bytes) {
        try {
            return HttpResult.JSON.readValue(bytes, OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
