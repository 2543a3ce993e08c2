package io.hearth.client.message;

import io.hearth.client.rpc.Caller;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.DeleteMessageRequest;
import io.hearth.protocol.pb.MessageChangeResult;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.RecallMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.UpdateMessageRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of what happens to a message after it was sent ({@code HearthClient.messages()}): recall, edit and
 * deleting one's own copy. The change itself reaches every device (this one too) as a timeline entry carrying the
 * message with the same uid and its new {@code state}: replace the copy you hold by uid. Failures carry the server's
 * code (24 recall too late, 248 not allowed, 251 bad uid, 253 unknown or already deleted). Immutable; any thread.
 */
public final class Messages {

    private final Caller caller;

    public Messages(Caller caller) {
        this.caller = caller;
    }

    /** {@code message.recall}: one's own message within the server's time limit, or as a group's owner/manager. */
    public CompletableFuture<MessageChangeResult> recall(long messageUid) {
        return caller.call(Methods.MESSAGE_RECALL, RecallMessageRequest.newBuilder().setMessageUid(messageUid).build(),
                Reply.ResultCase.MESSAGE_CHANGED, Reply::getMessageChanged);
    }

    /** {@code message.update}: replaces the content of one's own message (types the server allows). */
    public CompletableFuture<MessageChangeResult> update(long messageUid, MessageContent content) {
        return caller.call(Methods.MESSAGE_UPDATE, UpdateMessageRequest.newBuilder().setMessageUid(messageUid)
                .setContent(content).build(), Reply.ResultCase.MESSAGE_CHANGED, Reply::getMessageChanged);
    }

    /**
     * {@code message.delete}: deletes this user's copy of a message on all its devices; the result's uid is the
     * tombstone's, whose entry tells the other devices (content type 81, data the deleted uid).
     */
    public CompletableFuture<MessageChangeResult> deleteCopy(long messageUid) {
        return caller.call(Methods.MESSAGE_DELETE, DeleteMessageRequest.newBuilder().setMessageUid(messageUid).build(),
                Reply.ResultCase.MESSAGE_CHANGED, Reply::getMessageChanged);
    }
}
