package io.hearth.server.config;

/** A configuration problem, with a message that names the key, the value and, when known, the file and line. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
