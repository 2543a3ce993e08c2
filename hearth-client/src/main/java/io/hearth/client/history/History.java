package io.hearth.client.history;

import io.hearth.client.HearthException;
import io.hearth.client.rpc.Caller;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.LoadHistoryRequest;
import io.hearth.protocol.pb.LoadHistoryResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SearchMessageRequest;
import io.hearth.protocol.pb.SearchMessageResult;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of the server history ({@code HearthClient.history()}): a conversation's older messages page by page
 * ({@code message.load_history}) and keyword search of the user's own messages ({@code message.search}). Both
 * answer newest first; pass a result's {@code next_before_uid} to get the next (older) page, until it is 0. Every
 * future completes on the client's event loop, or fails with a {@link HearthException} carrying the server's code
 * (220 when the operator turned the function off, 251 for a bad parameter, 9 not a member of the group). Neither
 * delivers to the listener nor moves the client's sync position. Stateless; any thread.
 */
public final class History {

    private final Caller caller;

    public History(Caller caller) {
        this.caller = caller;
    }

    /** {@code message.load_history} as is. */
    public CompletableFuture<LoadHistoryResult> load(LoadHistoryRequest request) {
        return caller.call(Methods.MESSAGE_LOAD_HISTORY, request, Reply.ResultCase.HISTORY, Reply::getHistory);
    }

    /**
     * Up to {@code count} (0: 20, at most 100) messages of {@code conversation} older than {@code beforeUid}
     * (0: from the newest), of the {@code contentTypes} only when any are given.
     */
    public CompletableFuture<LoadHistoryResult> load(Conversation conversation, long beforeUid, int count,
                                                     Collection<Integer> contentTypes) {
        return load(LoadHistoryRequest.newBuilder().setConversation(conversation).setBeforeUid(beforeUid)
                .setCount(count).addAllContentTypes(contentTypes == null ? List.of() : contentTypes).build());
    }

    /** {@code message.search} as is. */
    public CompletableFuture<SearchMessageResult> search(SearchMessageRequest request) {
        return caller.call(Methods.MESSAGE_SEARCH, request, Reply.ResultCase.MESSAGE_SEARCH, Reply::getMessageSearch);
    }

    /** The newest {@code count} (0: 20) of the user's messages in every conversation that match {@code keyword}. */
    public CompletableFuture<SearchMessageResult> search(String keyword, long beforeUid, int count) {
        return search(SearchMessageRequest.newBuilder().setKeyword(keyword == null ? "" : keyword)
                .setBeforeUid(beforeUid).setCount(count).build());
    }
}
