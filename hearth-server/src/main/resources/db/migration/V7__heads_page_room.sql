-- Timeline heads, room to move: a group message moves hundreds of heads in one statement. On PostgreSQL half of
-- every user_heads page is left free, so that an updated head fits on its own page and the update is HOT (no new
-- entry in the primary key's index); this halves the cost of moving the heads of a 1,000-member group. Only pages
-- written from now on get the room (VACUUM FULL user_heads gives it to the existing ones). The placeholder is
-- that statement on PostgreSQL and a comment on the table on H2, which has no such setting.
${heads_page_room};
