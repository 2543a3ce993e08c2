package io.hearth.server.setting;

/**
 * Event: a user's setting was written; {@code byClientId} is the session that wrote it, null for the server API.
 * Published after the write committed.
 */
public record SettingChanged(String userId, UserSetting setting, String byClientId) {
}
