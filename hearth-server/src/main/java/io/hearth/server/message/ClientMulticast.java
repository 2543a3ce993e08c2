package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MulticastMessageRequest;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.common.StatusException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client's multicast ({@code message.multicast}): one message to several users, stored once, each target getting
 * it as a single chat from the sender. The checks every send passes run once; then the single-chat policy judges
 * each target as if the message were sent to it alone (blacklist, stranger chat): a refusal of any target fails the
 * whole send with that code, a target that drops it (blacklist strategy 1) is left out.
 */
public final class ClientMulticast {

    /** Most targets of one client multicast. */
    public static final int MAX_TARGETS = 1000;

    private final TimelineWriter writer;
    private final ConversationPolicies policies;
    private final List<SendCheck> checks;
    private final MessageIdGenerator ids;
    private final int maxContentSize;
    private final Clock clock;

    public ClientMulticast(TimelineWriter writer, ConversationPolicies policies, List<SendCheck> checks,
                           MessageIdGenerator ids, int maxContentSize, Clock clock) {
        this.writer = writer;
        this.policies = policies;
        this.checks = List.copyOf(checks);
        this.ids = ids;
        this.maxContentSize = maxContentSize;
        this.clock = clock;
    }

    public CompletableFuture<SendMessageResult> send(String sender, String fromClient, MulticastMessageRequest req) {
        List<String> targets = new ArrayList<>(new LinkedHashSet<>(req.getTargetsList()));
        targets.remove(sender);
        if (targets.isEmpty() || targets.size() > MAX_TARGETS || !req.hasContent()) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "a multicast needs content and 1.." + MAX_TARGETS + " other users"));
        }
        if (req.getContent().getSerializedSize() > maxContentSize) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_MESSAGE,
                    "content larger than " + maxContentSize + " bytes"));
        }
        if (req.getContent().getPersistFlag() == ConversationTypes.TRANSPARENT) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "a multicast is stored; a transparent one is not supported"));
        }
        SendMessageRequest base = SendMessageRequest.newBuilder()
                .setConversation(conversation(sender, req.getLine())).setContent(req.getContent())
                .setClientMessageId(req.getClientMessageId()).build();
        for (int i = 0; i < targets.size(); i++) {
            try {
                io.hearth.server.user.UserIds.check("targets[" + i + "]", targets.get(i));
            } catch (StatusException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        try {
            SendLimits.check(base, SendLimits.RPC);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        ConversationPolicy single = policies.of(ConversationTypes.SINGLE);
        return SendChecks.run(checks, new Send(sender, fromClient, base, Send.Origin.CLIENT)).thenCompose(checked -> {
            List<CompletableFuture<SendPlan>> plans = new ArrayList<>();
            for (String t : targets) {
                SendMessageRequest toOne = checked.request().toBuilder()
                        .setConversation(conversation(t, req.getLine())).build();
                plans.add(single.plan(new Send(sender, fromClient, toOne, Send.Origin.CLIENT, checked.dropped())));
            }
            return CompletableFuture.allOf(plans.toArray(CompletableFuture[]::new)).thenCompose(v -> {
                List<String> receivers = new ArrayList<>();
                plans.forEach(p -> receivers.addAll(p.join().receivers()));
                SendMessageRequest r = checked.request();
                StoredMessage draft = new StoredMessage(ids.next(), sender, r.getConversation(), fromClient,
                        r.getClientMessageId().isEmpty() ? null : r.getClientMessageId(), r.getContent(), List.of(),
                        clock.millis(), 0);
                return writer.submit(draft, receivers);
            });
        }).thenApply(m -> SendMessageResult.newBuilder().setMessageUid(m.messageUid()).setTimestamp(m.serverTime())
                .setSeq(m.senderSeq()).build());
    }

    private static Conversation conversation(String target, int line) {
        return Conversation.newBuilder().setType(ConversationTypes.SINGLE).setTarget(target).setLine(line).build();
    }
}
