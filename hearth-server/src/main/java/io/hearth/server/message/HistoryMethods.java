package io.hearth.server.message;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.LoadHistoryRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SearchMessageRequest;
import io.hearth.server.rpc.RpcRegistry;

/** The history RPC methods, {@code message.load_history} and {@code message.search}. */
public final class HistoryMethods {

    private HistoryMethods() {
    }

    public static void register(RpcRegistry rpc, MessageHistory history) {
        rpc.register(Methods.MESSAGE_LOAD_HISTORY, (caller, req) -> history
                .load(caller.userId(), req.parse(LoadHistoryRequest.getDefaultInstance()))
                .thenApply(r -> Reply.newBuilder().setHistory(r).build()));
        rpc.register(Methods.MESSAGE_SEARCH, (caller, req) -> history
                .search(caller.userId(), req.parse(SearchMessageRequest.getDefaultInstance()))
                .thenApply(r -> Reply.newBuilder().setMessageSearch(r).build()));
    }
}
