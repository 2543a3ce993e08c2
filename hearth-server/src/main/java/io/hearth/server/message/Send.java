package io.hearth.server.message;

import java.util.List;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;

/**
 * One send on its way through the checks: who sends, from which client (null for the server API), the request as it
 * stands, whether a check accepted it only to drop it (the sender is told it was sent, nobody receives it), and the
 * users a server-side send must also reach beyond what its conversation's policy finds (the members a group
 * notification removes: no longer members, they still get it).
 */
public record Send(String sender, String fromClient, SendMessageRequest request, Origin origin, boolean dropped,
                   List<String> alsoTo) {

    public Send {
        alsoTo = List.copyOf(alsoTo);
    }

    public Send(String sender, String fromClient, SendMessageRequest request, Origin origin, boolean dropped) {
        this(sender, fromClient, request, origin, dropped, List.of());
    }

    /** Where a send comes from; the server API is exempt from some checks, as in the reference. */
    public enum Origin { CLIENT, SERVER_API }

    public Send(String sender, String fromClient, SendMessageRequest request, Origin origin) {
        this(sender, fromClient, request, origin, false);
    }

    public String target() {
        return request.getConversation().getTarget();
    }

    public int persistFlag() {
        return request.getContent().getPersistFlag();
    }

    /** This send with its content replaced (a filter masked words in it). */
    public Send withContent(MessageContent content) {
        return new Send(sender, fromClient, request.toBuilder().setContent(content).build(), origin, dropped, alsoTo);
    }

    /** This send accepted and dropped: stored for the sender only, delivered to no one. */
    public Send drop() {
        return new Send(sender, fromClient, request, origin, true, alsoTo);
    }
}
