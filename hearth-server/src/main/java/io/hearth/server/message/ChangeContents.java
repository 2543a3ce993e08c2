package io.hearth.server.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.hearth.protocol.pb.MessageContent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contents a changed message gets: the reference's recall content (type 80) and Hearth's tombstone (81). */
public final class ChangeContents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeContents() {
    }

    /**
     * The content a recalled message is replaced by (reference §2.7): type 80, persist flag 1, content the
     * operator, data the uid in ASCII, push data {@code {"messageUid":uid}}, extra {@link #original}.
     */
    public static MessageContent recall(StoredMessage original, String operator) {
        return MessageContent.newBuilder()
                .setType(MessageStates.RECALL_CONTENT_TYPE)
                .setPersistFlag(ConversationTypes.PERSIST)
                .setContent(operator)
                .setData(ByteString.copyFrom(Long.toString(original.messageUid()), StandardCharsets.US_ASCII))
                .setPushData("{\"messageUid\":" + original.messageUid() + "}")
                .setExtra(original(original))
                .build();
    }

    /**
     * The tombstone of a deleted message (everywhere, or one user's copy): type 81, persist flag 1, data the
     * deleted uid in ASCII.
     */
    public static MessageContent tombstone(long deletedUid) {
        return MessageContent.newBuilder()
                .setType(MessageStates.DELETE_CONTENT_TYPE)
                .setPersistFlag(ConversationTypes.PERSIST)
                .setData(ByteString.copyFrom(Long.toString(deletedUid), StandardCharsets.US_ASCII))
                .build();
    }

    /**
     * The tombstone of a cleared conversation (one user's copies of its messages within a time range): type 81,
     * persist flag 1, no data, extra {@code {"startTime":from,"endTime":to}}.
     */
    public static MessageContent cleared(long fromTime, long toTime) {
        return MessageContent.newBuilder()
                .setType(MessageStates.DELETE_CONTENT_TYPE)
                .setPersistFlag(ConversationTypes.PERSIST)
                .setExtra("{\"startTime\":" + fromTime + ",\"endTime\":" + toTime + "}")
                .build();
    }

    /**
     * The reference's JSON of a recalled original ({@code s} sender, {@code ts} server time, {@code t} type,
     * {@code sc} searchable content, {@code c} content, {@code e} extra, {@code b} data in base64, {@code mt}
     * media type, {@code mu} remote media url; empty fields left out): the recall content's extra, and what
     * {@code /admin/message/recall} answers.
     */
    public static String original(StoredMessage m) {
        MessageContent c = m.content();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("s", m.sender());
        out.put("ts", m.serverTime());
        out.put("t", c.getType());
        putIfSet(out, "sc", c.getSearchableContent());
        putIfSet(out, "c", c.getContent());
        putIfSet(out, "e", c.getExtra());
        if (!c.getData().isEmpty()) {
            out.put("b", Base64.getEncoder().encodeToString(c.getData().toByteArray()));
        }
        if (c.getMediaType() != 0) {
            out.put("mt", c.getMediaType());
        }
        putIfSet(out, "mu", c.getRemoteMediaUrl());
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recall json", e);
        }
    }

    private static void putIfSet(Map<String, Object> out, String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }
}
