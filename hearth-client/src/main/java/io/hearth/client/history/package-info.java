/**
 * Server history in the Java SDK: {@link io.hearth.client.history.History} (from {@code HearthClient.history()})
 * loads a conversation's older messages and searches the user's own messages, as typed calls of
 * {@code message.load_history} and {@code message.search}.
 */
package io.hearth.client.history;
