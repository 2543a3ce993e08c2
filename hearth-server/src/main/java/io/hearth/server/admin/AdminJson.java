package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;

/** Reading fields of a server API body; a missing required field is 251 invalid parameter. */
public final class AdminJson {

    private AdminJson() {
    }

    public static String required(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing " + field);
        }
        return n.asText();
    }

    public static String optional(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    public static int optionalInt(JsonNode body, String field, int def) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.canConvertToInt() && !n.isTextual()) {
            throw new StatusException(Status.INVALID_PARAMETER, field + " must be a number");
        }
        try {
            return n.isTextual() ? Integer.parseInt(n.asText()) : n.asInt();
        } catch (NumberFormatException e) {
            throw new StatusException(Status.INVALID_PARAMETER, field + " must be a number");
        }
    }

    public static long requiredLong(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing " + field);
        }
        try {
            return n.isTextual() ? Long.parseLong(n.asText()) : n.asLong();
        } catch (NumberFormatException e) {
            throw new StatusException(Status.INVALID_PARAMETER, field + " must be a number");
        }
    }
}
