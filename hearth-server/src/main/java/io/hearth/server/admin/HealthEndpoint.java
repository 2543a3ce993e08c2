package io.hearth.server.admin;

import io.hearth.server.storage.jdbc.Database;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * {@code GET /admin/health} (no signature, as in the reference): per node CPU, memory, disk, plus this project's
 * database status and live connection count. {@code code} is 0 when the database answers, 4 otherwise.
 */
final class HealthEndpoint {

    private final int nodeId;
    private final Database db;
    private final BlockingExecutor blocking;
    private final IntSupplier connections;

    HealthEndpoint(int nodeId, Database db, BlockingExecutor blocking, IntSupplier connections) {
        this.nodeId = nodeId;
        this.db = db;
        this.blocking = blocking;
        this.connections = connections;
    }

    CompletableFuture<HttpResult> handle(HttpCall call) {
        return blocking.supply(db::healthy).exceptionally(e -> false).thenApply(dbUp -> {
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
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", dbUp ? 0 : 4);
            out.put("msg", dbUp ? "success" : "database unavailable");
            out.put("result", List.of(node));
            return HttpResult.json(200, out);
        });
    }
}
