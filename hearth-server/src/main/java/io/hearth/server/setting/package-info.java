/**
 * Settings: each user's settings by (scope, key), synced across the user's devices by version
 * ({@code setting.put}, {@code setting.pull}, a {@code setting} notice, the version in {@code session.info}), and the
 * system settings of the server API (id 1: the group max member count). Storage behind {@link
 * io.hearth.server.setting.SettingStore} and {@link io.hearth.server.setting.SystemSettingStore}.
 */
package io.hearth.server.setting;
