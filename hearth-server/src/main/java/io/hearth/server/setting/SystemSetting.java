package io.hearth.server.setting;

/** One system setting of the server API: {@code id} (1 = group max member count), its value and description. */
public record SystemSetting(int id, String value, String desc) {
}
