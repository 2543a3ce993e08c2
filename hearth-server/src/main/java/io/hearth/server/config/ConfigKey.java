package io.hearth.server.config;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One documented configuration key: its name, default (null = unset), meaning, and a validator that turns the raw
 * text into a value or throws {@link IllegalArgumentException} with what is expected.
 */
record ConfigKey(String name, String defaultValue, String meaning, Function<String, Object> parser) {

    static ConfigKey integer(String name, long def, long min, long max, String meaning) {
        return new ConfigKey(name, Long.toString(def), meaning, raw -> parseLong(raw, min, max));
    }

    static ConfigKey port(String name, int def, String meaning) {
        return new ConfigKey(name, Integer.toString(def), meaning, raw -> parsePort(raw, false));
    }

    static ConfigKey optionalPort(String name, String def, String meaning) {
        return new ConfigKey(name, def, meaning, raw -> {
            try {
                return parsePort(raw, true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ", or disabled");
            }
        });
    }

    static ConfigKey bool(String name, boolean def, String meaning) {
        return new ConfigKey(name, Boolean.toString(def), meaning, ConfigKey::parseBool);
    }

    static ConfigKey text(String name, String def, String meaning) {
        return new ConfigKey(name, def, meaning, raw -> raw);
    }

    /** Comma-separated whole numbers (content types and the like); the empty string is an empty list. */
    static ConfigKey numberList(String name, String def, String meaning) {
        return new ConfigKey(name, def, meaning, raw -> {
            Set<Integer> out = new TreeSet<>();
            for (String part : raw.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected comma-separated whole numbers, not '" + p + "'");
                }
            }
            return Set.copyOf(out);
        });
    }

    /**
     * Comma-separated whole numbers and ranges such as {@code 1,2,3,5-10} (content types); the empty string is an
     * empty list. A range spans at most 100,000 numbers.
     */
    static ConfigKey numberRanges(String name, String def, String meaning) {
        return new ConfigKey(name, def, meaning, raw -> {
            Set<Integer> out = new TreeSet<>();
            for (String part : raw.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int dash = p.indexOf('-', 1);
                try {
                    int from = Integer.parseInt((dash < 0 ? p : p.substring(0, dash)).strip());
                    int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                    if (to < from || to - (long) from > 100_000) {
                        throw new IllegalArgumentException("bad range '" + p + "'");
                    }
                    for (int i = from; i <= to; i++) {
                        out.add(i);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected whole numbers and ranges such as 5-10, not '" + p + "'");
                }
            }
            return Set.copyOf(out);
        });
    }

    static ConfigKey choice(String name, String def, String meaning, String... choices) {
        return new ConfigKey(name, def, meaning, raw -> {
            for (String c : choices) {
                if (c.equals(raw)) {
                    return raw;
                }
            }
            throw new IllegalArgumentException("expected one of " + String.join(", ", choices));
        });
    }

    private static Object parseLong(String raw, long min, long max) {
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number between " + min + " and " + max);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("expected a whole number between " + min + " and " + max);
        }
        return v;
    }

    /** A port 0..65535; 0 binds an ephemeral port. With {@code optional}, "disabled" turns it off (-1). */
    private static Object parsePort(String raw, boolean optional) {
        String t = raw.trim();
        if (optional && t.equals("disabled")) {
            return -1L;
        }
        return parseLong(t, 0, 65535);
    }

    private static Object parseBool(String raw) {
        return switch (raw.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }
}
