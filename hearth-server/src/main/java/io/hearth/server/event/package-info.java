/**
 * The event hook: features publish what changed (a message stored, a client online or offline, a user, relation or
 * setting changed) and listeners (webhooks, cache invalidation, metrics) get the events asynchronously, each on its
 * own bounded queue, so a slow listener never blocks a send or another listener.
 */
package io.hearth.server.event;
