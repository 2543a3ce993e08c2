package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's {@code MessagePayload} and {@code Conversation} JSON (§2.7 field names: {@code searchableContent},
 * {@code base64edData}, {@code persistFlag} …) to and from the protobuf messages.
 */
public final class PayloadJson {

    private PayloadJson() {
    }

    public static MessageContent content(JsonNode p) {
        if (p == null || !p.isObject()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing payload");
        }
        MessageContent.Builder b = MessageContent.newBuilder()
                .setType(AdminJson.optionalInt(p, "type", 0))
                .setMediaType(AdminJson.optionalInt(p, "mediaType", 0))
                .setPersistFlag(AdminJson.optionalInt(p, "persistFlag", 0))
                .setExpireDuration(AdminJson.optionalInt(p, "expireDuration", 0))
                .setMentionedType(AdminJson.optionalInt(p, "mentionedType", 0));
        text(p, "searchableContent", b::setSearchableContent);
        text(p, "pushContent", b::setPushContent);
        text(p, "content", b::setContent);
        text(p, "remoteMediaUrl", b::setRemoteMediaUrl);
        text(p, "extra", b::setExtra);
        text(p, "pushData", b::setPushData);
        String data = AdminJson.optional(p, "base64edData");
        if (data != null) {
            try {
                b.setData(ByteString.copyFrom(Base64.getDecoder().decode(data)));
            } catch (IllegalArgumentException e) {
                throw new StatusException(Status.INVALID_PARAMETER, "base64edData is not base64");
            }
        }
        b.addAllMentionedTarget(strings(p, "mentionedTarget", "payload.mentionedTarget"));
        return b.build();
    }

    public static Map<String, Object> json(MessageContent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.getType());
        put(m, "searchableContent", c.getSearchableContent());
        put(m, "pushContent", c.getPushContent());
        put(m, "content", c.getContent());
        if (!c.getData().isEmpty()) {
            m.put("base64edData", Base64.getEncoder().encodeToString(c.getData().toByteArray()));
        }
        m.put("mediaType", c.getMediaType());
        put(m, "remoteMediaUrl", c.getRemoteMediaUrl());
        m.put("persistFlag", c.getPersistFlag());
        m.put("expireDuration", c.getExpireDuration());
        m.put("mentionedType", c.getMentionedType());
        if (c.getMentionedTargetCount() > 0) {
            m.put("mentionedTarget", c.getMentionedTargetList());
        }
        put(m, "extra", c.getExtra());
        put(m, "pushData", c.getPushData());
        return m;
    }

    public static Conversation conversation(JsonNode conv) {
        if (conv == null || !conv.isObject()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing conv");
        }
        return Conversation.newBuilder()
                .setType(AdminJson.optionalInt(conv, "type", 0))
                .setTarget(AdminJson.required(conv, "target"))
                .setLine(AdminJson.optionalInt(conv, "line", 0))
                .build();
    }

    public static Map<String, Object> json(Conversation c) {
        return Map.of("type", c.getType(), "target", c.getTarget(), "line", c.getLine());
    }

    /** The array {@code body[key]} of strings (numbers are taken as text); absent or null is empty. */
    public static List<String> strings(JsonNode body, String key, String field) {
        JsonNode array = body.get(key);
        List<String> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new StatusException(Status.INVALID_PARAMETER, field + " must be an array of strings");
        }
        for (JsonNode n : array) {
            if (!n.isTextual() && !n.isNumber()) {
                throw new StatusException(Status.INVALID_PARAMETER, field + " must be an array of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static void text(JsonNode p, String field, java.util.function.Consumer<String> setter) {
        String v = AdminJson.optional(p, field);
        if (v != null) {
            setter.accept(v);
        }
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }
}
