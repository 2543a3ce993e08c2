/**
 * Sensitive words: the word list of {@code /admin/sensitive/add}, {@code del} and {@code query}, kept in
 * the database and reloaded by every node within a second of a change ({@link
 * io.hearth.server.sensitive.SensitiveWords}); the send check that rejects, drops, masks or records client messages
 * that contain a word ({@link io.hearth.server.sensitive.SensitiveFilter}), matching with an Aho-Corasick automaton
 * ({@link io.hearth.server.sensitive.WordMatcher}).
 */
package io.hearth.server.sensitive;
