package io.hearth.server.session;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.SessionFacet;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code session.info}: who the connection is, on which node, the server's time, and every feature's current
 * version ({@link SessionFacet}), read in parallel.
 */
public final class SessionMethods {

    private SessionMethods() {
    }

    public static void register(RpcRegistry rpc, List<SessionFacet> facets, int nodeId, Clock clock) {
        List<SessionFacet> all = List.copyOf(facets);
        rpc.register(Methods.SESSION_INFO, (caller, req) -> info(caller, all, nodeId, clock));
    }

    private static CompletableFuture<Reply> info(RpcMethod.Caller caller, List<SessionFacet> facets, int nodeId,
                                                 Clock clock) {
        List<CompletableFuture<Consumer<SessionInfoResult.Builder>>> parts = facets.stream()
                .map(f -> f.read(caller)).toList();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            SessionInfoResult.Builder b = SessionInfoResult.newBuilder().setUserId(caller.userId())
                    .setClientId(caller.clientId()).setPlatform(caller.platform()).setNodeId(nodeId)
                    .setServerTime(clock.millis());
            parts.forEach(p -> p.join().accept(b));
            return Reply.newBuilder().setSession(b).build();
        });
    }
}
