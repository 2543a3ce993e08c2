package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.regex.Pattern;

/** Reading fields of a server API body; a missing required field is 251 invalid parameter. */
public final class AdminJson {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

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

    /**
     * A message uid: a positive 64-bit integer sent as a JSON number or as a JSON string of digits
     * ({@code "193288889792741376"}), so that clients whose numbers are doubles can send uids exactly. Missing, 0,
     * negative, fractional, non-numeric or beyond 2^63 − 1 is 251.
     */
    public static long messageUid(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing " + field);
        }
        long uid;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            uid = n.asLong();
        } else if (n.isTextual() && DIGITS.matcher(n.asText()).matches()) {
            try {
                uid = Long.parseLong(n.asText());
            } catch (NumberFormatException e) {
                uid = -1;
            }
        } else {
            uid = -1;
        }
        if (uid <= 0) {
            throw new StatusException(Status.INVALID_PARAMETER, field + " must be a positive 64-bit integer");
        }
        return uid;
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
