/**
 * User settings in the Java SDK: {@link io.hearth.client.setting.Settings} (from {@code HearthClient.settings()})
 * writes and pulls settings and keeps them in step by version across the user's devices.
 */
package io.hearth.client.setting;
