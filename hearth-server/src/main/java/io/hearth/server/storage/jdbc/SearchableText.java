package io.hearth.server.storage.jdbc;

import io.hearth.protocol.pb.MessageContent;

/**
 * The text {@code message.search} matches, as stored in {@code messages.searchable}: the content's
 * {@code searchable_content}, without NUL characters (PostgreSQL text cannot hold them) and cut to
 * {@value #MAX_CHARS} characters (the column; a PostgreSQL tsvector of it stays far below its 1 MB limit, so no
 * content can fail the insert). Null when there is none.
 */
final class SearchableText {

    static final int MAX_CHARS = 4096;

    private SearchableText() {
    }

    static String of(MessageContent content) {
        String text = content.getSearchableContent();
        if (text.indexOf('\0') >= 0) {
            text = text.replace("\0", "");
        }
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            text = text.substring(0, end);
        }
        return text;
    }
}
