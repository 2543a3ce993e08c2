package io.hearth.server.transport.http;

import io.hearth.protocol.Status;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, content type, body and extra headers. */
public record HttpResult(int status, String contentType, byte[] body, Map<String, String> headers) {

    /**
     * The JSON mapper of every HTTP API: null fields omitted, as the reference's Gson output; map keys sorted so
     * that answers are byte-for-byte stable (the envelope reads code, msg, result). Reading is strict: content after
     * the first JSON value ({@code {"userId":"a"}garbage}) and a key given twice in one object are errors, so a body
     * means one thing only (a proxy or signature check that reads the first value or the first key cannot be told
     * one thing while the action does another).
     */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads only the first value: tells "trailing content" from "not JSON at all" when {@link #JSON} refused. */
    private static final ObjectMapper FIRST_VALUE = new ObjectMapper();

    /** The 251 message for a body {@link #JSON} refused: what is wrong, without echoing the body. */
    public static String notJson(byte[] body, java.io.IOException e) {
        String m = e instanceof JsonProcessingException j && j.getOriginalMessage() != null ? j.getOriginalMessage() : "";
        if (m.startsWith("Duplicate field")) {
            return "body is not JSON: a key appears twice in one object";
        }
        try {
            FIRST_VALUE.readTree(body);
            return "body is not JSON: content after the JSON value";
        } catch (java.io.IOException notEvenTheFirst) {
            return "body is not JSON";
        }
    }

    public static HttpResult json(int status, Object value) {
        try {
            return new HttpResult(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /**
     * HTTP 200 with the envelope every JSON API of Hearth answers with, as in the reference:
     * {@code {"code": N, "msg": "...", "result": ...}}, {@code result} left out when null.
     */
    public static HttpResult envelope(Status status, String msg, Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", status.code());
        out.put("msg", msg);
        if (result != null) {
            out.put("result", result);
        }
        return json(200, out);
    }

    public static HttpResult text(int status, String text) {
        return new HttpResult(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public HttpResult withHeaders(Map<String, String> extra) {
        return new HttpResult(status, contentType, body, extra);
    }
}
