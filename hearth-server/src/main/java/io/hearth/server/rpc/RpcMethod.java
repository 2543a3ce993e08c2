package io.hearth.server.rpc;

import io.hearth.protocol.pb.Reply;
import java.util.concurrent.CompletableFuture;

/** One RPC method: parses its request, does the work, completes with the reply. Called on an event loop. */
public interface RpcMethod {

    /** Who is calling: the logged-in user and client of the connection. */
    record Caller(String userId, String clientId, int platform) {
    }

    CompletableFuture<Reply> call(Caller caller, RpcRequest request);
}
