package io.hearth.server.admin;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * {@code GET /admin/health} (no signature, as in the reference): one entry per live node with its CPU, memory and
 * disk, plus this project's {@code db}, {@code connections} and {@code status} ({@code up}, {@code draining}, or
 * {@code unreachable} for a node that did not answer in time). {@code code} is 4 when a node reports its database
 * down, 0 otherwise. {@link #handle} runs on an event loop; {@link #local} also on cluster executor threads.
 */
final class HealthEndpoint {

    static final String METHOD = "admin.health";

    private final int nodeId;
    private final BooleanSupplier db;
    private final BlockingExecutor blocking;
    private final IntSupplier connections;
    private final BooleanSupplier draining;
    private final AllNodes nodes;

    HealthEndpoint(int nodeId, BooleanSupplier db, BlockingExecutor blocking, IntSupplier connections,
                   BooleanSupplier draining, AllNodes nodes) {
        this.nodeId = nodeId;
        this.db = db;
        this.blocking = blocking;
        this.connections = connections;
        this.draining = draining;
        this.nodes = nodes;
        nodes.serve(METHOD, this::local);
    }

    CompletableFuture<HttpResult> handle(HttpCall call) {
        return nodes.gather(METHOD, this::local, Integer::toString).thenApply(list -> {
            List<Object> down = list.stream().filter(n -> "down".equals(n.get("db"))).map(n -> n.get("node")).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", down.isEmpty() ? 0 : 4);
            out.put("msg", down.isEmpty() ? "success" : "database unavailable on node " + down);
            out.put("result", list);
            return HttpResult.json(200, out);
        });
    }

    /** This node's entry. */
    CompletableFuture<Map<String, Object>> local() {
        return blocking.supply(db::getAsBoolean).exceptionally(e -> false).thenApply(dbUp -> {
            Runtime rt = Runtime.getRuntime();
            File disk = new File(".");
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", Integer.toString(nodeId));
            node.put("cpu", Map.of("cores", rt.availableProcessors(),
                    "load", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            node.put("memory", Map.of("free", rt.freeMemory(), "max", rt.maxMemory(),
                    "avail", rt.maxMemory() - rt.totalMemory() + rt.freeMemory()));
            node.put("disk", Map.of("space", disk.getTotalSpace(), "free", disk.getFreeSpace(),
                    "usable", disk.getUsableSpace()));
            node.put("db", dbUp ? "up" : "down");
            node.put("connections", connections.getAsInt());
            node.put("status", draining.getAsBoolean() ? "draining" : "up");
            return node;
        });
    }
}
