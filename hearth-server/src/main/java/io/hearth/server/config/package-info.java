/**
 * Configuration: the documented key list ({@link io.hearth.server.config.ConfigKeys}), the loader of the
 * reference's {@code key value} format with command-line overrides, and the immutable, typed
 * {@link io.hearth.server.config.HearthConfig} that every component receives by constructor.
 */
package io.hearth.server.config;
