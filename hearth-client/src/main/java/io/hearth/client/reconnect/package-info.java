/** Reconnect timing: exponential backoff with jitter between a minimum and a maximum delay. */
package io.hearth.client.reconnect;
