package io.hearth.server.common;

import io.hearth.protocol.Status;
import java.util.List;

/**
 * Checks one request field against its limit where the request enters; a violation is 251 invalid parameter with
 * a message that starts with the field's wire name ({@code displayName longer than 256 characters}).
 *
 * <p>Lengths count UTF-16 code units ({@link String#length()}, JavaScript's {@code length}): H2 counts a
 * {@code VARCHAR(n)} that way and PostgreSQL counts code points, which are never more, so a value within the limit
 * fits the column on both (a character outside the Basic Multilingual Plane, such as most emoji, counts 2).
 * Stateless; called on any thread.
 */
public final class FieldCheck {

    private FieldCheck() {
    }

    /**
     * Free text: at most {@code max} characters, no NUL (PostgreSQL cannot store it) and no unpaired surrogate
     * (not encodable as UTF-8). Null (absent) passes; returns the value.
     */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        length(field, value, max);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == 0 || unpairedSurrogate(value, i)) {
                throw invalid(field + " contains an invalid character at index " + i + " (NUL or unpaired surrogate)");
            }
            if (Character.isHighSurrogate(ch)) {
                i++;
            }
        }
        return value;
    }

    /** An identifier: free text that is also free of control characters (they are not allowed in MQTT strings). */
    public static String printable(String field, String value, int max) {
        text(field, value, max);
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                if (Character.isISOControl(value.charAt(i))) {
                    throw invalid(field + " contains a control character at index " + i);
                }
            }
        }
        return value;
    }

    /** A list of at most {@code max} entries (null passes); returns the list. */
    public static <T> List<T> count(String field, List<T> values, int max) {
        if (values != null && values.size() > max) {
            throw invalid(field + " has more than " + max + " entries");
        }
        return values;
    }

    /** 251 with this message. */
    public static StatusException invalid(String message) {
        return new StatusException(Status.INVALID_PARAMETER, message);
    }

    private static void length(String field, String value, int max) {
        if (value.length() > max) {
            throw invalid(field + " longer than " + max + " characters");
        }
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char ch = s.charAt(i);
        if (Character.isHighSurrogate(ch)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(ch);
    }
}
