package io.hearth.server.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.MessageService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The notification messages of group changes (content types 104–124, persist flag 1, {@code data} = UTF-8 JSON
 * {@code {"g","o","n","ms","m"}} with only the keys the change has), sent as ordinary group messages from the
 * operator, so every member's timeline gets them and clients refresh from their message stream. Thread-safe.
 */
public final class GroupNotices {

    public static final int CREATE = 104;
    public static final int ADD = 105;
    public static final int KICK = 106;
    public static final int QUIT = 107;
    public static final int DISMISS = 108;
    public static final int TRANSFER = 109;
    public static final int NAME = 110;
    public static final int ALIAS = 111;
    public static final int PORTRAIT = 112;
    public static final int MUTE = 113;
    public static final int JOIN_TYPE = 114;
    public static final int PRIVATE_CHAT = 115;
    public static final int SEARCHABLE = 116;
    public static final int MANAGER = 117;
    public static final int MUTE_MEMBER = 118;
    public static final int ALLOW_MEMBER = 119;
    public static final int KICK_VISIBLE = 120;
    public static final int QUIT_VISIBLE = 121;
    public static final int GROUP_EXTRA = 122;
    public static final int MEMBER_EXTRA = 123;
    public static final int SETTINGS = 124;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageService messages;

    public GroupNotices(MessageService messages) {
        this.messages = messages;
    }

    /** The default notification; {@code n}, {@code ms} and {@code m} are left out of {@code data} when null. */
    public static MessageContent content(int type, String g, String o, String n, List<String> ms, String m) {
        ObjectNode data = JSON.createObjectNode().put("g", g).put("o", o);
        if (n != null) {
            data.put("n", n);
        }
        if (ms != null) {
            ms.forEach(data.putArray("ms")::add);
        }
        if (m != null) {
            data.put("m", m);
        }
        return MessageContent.newBuilder().setType(type).setPersistFlag(ConversationTypes.PERSIST)
                .setData(ByteString.copyFromUtf8(data.toString())).build();
    }

    /**
     * Sends {@code content} (or the operation's {@code notify_message}) to the group on each of the operation's
     * lines; completes when all are stored.
     */
    public CompletableFuture<Void> send(GroupOp op, String groupId, MessageContent content) {
        MessageContent c = op.notifyMessage() != null ? op.notifyMessage() : content;
        // those a kick or quit removes get its notification, the app's own one too
        List<String> leavers = content == null ? List.of() : leavers(content);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int line : op.lines()) {
            SendMessageRequest req = SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder()
                    .setType(ConversationTypes.GROUP).setTarget(groupId).setLine(line)).setContent(c).build();
            sent.add(messages.send(op.operator(), null, req, leavers));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /**
     * The users a kick or quit notification names (its {@code ms}, or its {@code o} for a quit): they are removed
     * members by the time it is sent and still receive it ({@link io.hearth.server.message.Send#alsoTo}). Empty for
     * other types or unreadable data.
     */
    static List<String> leavers(MessageContent c) {
        int t = c.getType();
        if (t != KICK && t != KICK_VISIBLE && t != QUIT && t != QUIT_VISIBLE) {
            return List.of();
        }
        try {
            JsonNode data = JSON.readTree(c.getData().toStringUtf8());
            List<String> out = new ArrayList<>();
            if (t == QUIT || t == QUIT_VISIBLE) {
                if (data.path("o").isTextual()) {
                    out.add(data.get("o").asText());
                }
            } else {
                data.path("ms").forEach(n -> out.add(n.asText()));
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }
}
