package io.hearth.server.setting;

/**
 * One setting of a user as stored: {@code (scope, key)} names it; {@code version} is the user's setting version at
 * the write that left this value (the write's time in ms, or just above the previous version).
 */
public record UserSetting(int scope, String key, String value, long version) {
}
