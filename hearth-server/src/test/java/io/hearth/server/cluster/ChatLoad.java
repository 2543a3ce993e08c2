package io.hearth.server.cluster;

import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.message.MessageIdGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat traffic: every sender sends message 0, 1, 2, … in turn to its receivers (round robin), each with the client
 * message id {@code <sender>-<k>} and the text {@code <sender>:<k>}. The next message goes only after the previous
 * one is acknowledged, so a sender's messages are ordered even when a retry crosses a node failure. A failed send
 * (timeout or lost connection 249, server error 4, busy 250) is sent again, the same request, until acknowledged;
 * any other failure ends that sender with an error. Senders run concurrently; SDK callbacks hop to a small timer
 * pool, so the client event loops never run test code.
 */
final class ChatLoad implements AutoCloseable {

    /** An acknowledged send: message {@code index} of the sender, the attempts it took, and the server's result. */
    record Ack(String sender, String receiver, int index, String clientMessageId, int attempts,
               SendMessageResult result) {
    }

    private static final Set<Integer> RETRYABLE = Set.of(Status.TIMEOUT.code(), Status.SERVER_ERROR.code(),
            Status.OVER_FREQUENCY.code());
    private static final long RETRY_MILLIS = 50;

    private final Map<ChatUser, List<String>> plan;
    private final long pauseMillis;
    private final int conversationType;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Sender> senders = new ArrayList<>();

    /** {@code plan}: each sender and the receivers it sends to in turn; {@code pauseMillis} between its sends. */
    ChatLoad(Map<ChatUser, List<String>> plan, long pauseMillis) {
        this(plan, pauseMillis, 0);
    }

    /**
     * As above, to conversations of {@code conversationType}: 0 single chat (the receivers are users), 1 group (the
     * receivers are group ids, and an {@link Ack}'s receiver is the group).
     */
    ChatLoad(Map<ChatUser, List<String>> plan, long pauseMillis, int conversationType) {
        this.plan = plan;
        this.pauseMillis = pauseMillis;
        this.conversationType = conversationType;
    }

    /**
     * Each user sends to {@code receivers} users homed on other nodes than its own, spread over those nodes: the
     * j-th receiver is taken from the other nodes in turn, at a position that depends on the sender.
     */
    static Map<ChatUser, List<String>> crossNodePlan(List<ChatUser> users, int receivers) {
        Map<Integer, List<ChatUser>> byHome = new TreeMap<>();
        users.forEach(u -> byHome.computeIfAbsent(u.home, h -> new ArrayList<>()).add(u));
        Map<ChatUser, List<String>> plan = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            ChatUser sender = users.get(i);
            List<List<ChatUser>> others = byHome.entrySet().stream().filter(e -> e.getKey() != sender.home)
                    .map(Map.Entry::getValue).toList();
            List<String> to = new ArrayList<>();
            for (int j = 0; j < receivers; j++) {
                List<ChatUser> pool = others.get(j % others.size());
                to.add(pool.get((i * 7 + j * 13) % pool.size()).userId);
            }
            plan.put(sender, to);
        }
        return plan;
    }

    /** Every sender sends exactly {@code perSender} messages. */
    ChatLoad start(int perSender) {
        return start(perSender, perSender);
    }

    /** Every sender sends at least {@code min} and at most {@code max} messages, stopping early after {@link #stop}. */
    ChatLoad start(int min, int max) {
        plan.forEach((user, receivers) -> senders.add(new Sender(user, receivers, min, max)));
        senders.forEach(s -> timer.execute(s::next));
        return this;
    }

    /** Lets every sender finish once it has sent its minimum. */
    void stop() {
        stop.set(true);
    }

    /**
     * Waits until every sender is done; fails with the error of a sender that hit a non-retryable failure, or with
     * where the unfinished senders are stuck.
     */
    void awaitDone(Duration atMost) {
        try {
            CompletableFuture.allOf(senders.stream().map(s -> s.done).toArray(CompletableFuture[]::new))
                    .get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            StringBuilder stuck = new StringBuilder();
            senders.stream().filter(s -> !s.done.isDone()).forEach(s -> stuck.append(s.user).append(" at message ")
                    .append(s.index).append(" connected=").append(s.user.client.isConnected()).append("; "));
            throw new AssertionError("senders not done after " + atMost + " (" + acked() + " acknowledged): " + stuck);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int acked() {
        return acks.size();
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /**
     * Acknowledgements of sends that needed more than one attempt and were answered with a message node
     * {@code nodeId} had made: an earlier attempt was stored there but its reply was lost, and the retry got that
     * message back as a duplicate (the idempotency path across nodes).
     */
    long retriedAndStoredBy(int nodeId) {
        return acks.stream().filter(a -> a.attempts() > 1
                && MessageIdGenerator.nodeOf(a.result().getMessageUid()) == nodeId).count();
    }

    /** Failed attempts by status code (every one was sent again). */
    Map<Integer, Integer> failures() {
        Map<Integer, Integer> out = new TreeMap<>();
        failures.forEach((code, n) -> out.put(code, n.get()));
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One sender's chain of sends; only one of its steps runs at a time. */
    private final class Sender {
        final ChatUser user;
        final List<String> receivers;
        final int min;
        final int max;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile int index;
        volatile int attempts;

        Sender(ChatUser user, List<String> receivers, int min, int max) {
            this.user = user;
            this.receivers = receivers;
            this.min = min;
            this.max = max;
        }

        void next() {
            if (index >= max || (index >= min && stop.get())) {
                done.complete(null);
                return;
            }
            String receiver = receivers.get(index % receivers.size());
            SendMessageRequest request = SendMessageRequest.newBuilder()
                    .setConversation(Conversation.newBuilder().setType(conversationType).setTarget(receiver)
                            .setLine(0))
                    .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(user.userId + ":" + index)
                            .setPersistFlag(3))
                    .setClientMessageId(user.userId + "-" + index)
                    .build();
            attempts = 0;
            attempt(receiver, request);
        }

        private void attempt(String receiver, SendMessageRequest request) {
            attempts++;
            user.client.send(request).whenComplete((result, error) -> {
                if (error == null) {
                    acks.add(new Ack(user.userId, receiver, index, request.getClientMessageId(), attempts, result));
                    index++;
                    timer.schedule(this::next, pauseMillis, TimeUnit.MILLISECONDS);
                    return;
                }
                int code = codeOf(error);
                failures.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
                if (RETRYABLE.contains(code)) {
                    timer.schedule(() -> attempt(receiver, request), RETRY_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    done.completeExceptionally(new AssertionError(user + " message " + index + " to " + receiver
                            + " failed for good with code " + code, error));
                }
            });
        }
    }

    private static int codeOf(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof HearthException h ? h.code() : -1;
    }
}
