-- History and search (message.load_history, message.search).
--
-- conv_key names a message's conversation the same way for both sides of a single chat (its two users in the
-- dialect's code point order, as Dialect.lockOrder sorts them in Java), and for a group or channel by its target;
-- computed by the database, so rows stored before this migration have it too. A conversation's messages are read
-- newest first from messages_conv_time, a bounded range per page.
ALTER TABLE messages ADD COLUMN conv_key VARCHAR(160) GENERATED ALWAYS AS (
    CASE WHEN conv_type = 0
         THEN '0/' || CAST(conv_line AS VARCHAR(11)) || '/'
              || LEAST(sender${binary_collation}, conv_target${binary_collation}) || '/'
              || GREATEST(sender${binary_collation}, conv_target${binary_collation})
         ELSE CAST(conv_type AS VARCHAR(11)) || '/' || CAST(conv_line AS VARCHAR(11)) || '/' || conv_target
    END)${generated_stored};
CREATE INDEX messages_conv_time ON messages (conv_key, server_time, message_uid);

-- Whether (and at which seq) a message is in a user's timeline: history and search show a user only the messages
-- of its own timeline. A change's entries carry the same uid again; the lowest seq is the message's position.
CREATE INDEX timeline_user_message ON timeline (user_id, message_uid, seq);
-- The same for a super group's shared timeline (its history starts at the member's join seq).
CREATE INDEX shared_timeline_message ON shared_timeline (timeline_id, message_uid, seq);

-- The text message.search matches: the content's searchable_content (its first 4096 characters) written with the
-- message and with every change of it; NULL when empty and for the rows stored before this migration (they are
-- not found by search). PostgreSQL indexes it for full-text search (to_tsvector 'simple'); H2 has no such index and
-- matches with LIKE over the user's own timeline (see docs/protocol.md).
ALTER TABLE messages ADD COLUMN searchable VARCHAR(4096);
${search_index};
