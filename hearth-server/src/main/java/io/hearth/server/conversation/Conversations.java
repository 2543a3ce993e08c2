package io.hearth.server.conversation;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.ConversationEntry;
import io.hearth.protocol.pb.ConversationListResult;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.message.ConversationPolicies;
import io.hearth.server.message.MessageStore;
import io.hearth.server.message.SharedTimelines;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.setting.SettingStore;
import io.hearth.server.setting.UserSetting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Each user's conversation list, kept by the server ({@code conversation.list}): every conversation of the user's
 * own timeline with its newest message, its unread counts (others' messages with persist flag 3 after the user's
 * read mark; recalled and deleted ones no longer count, as their content no longer has flag 3) and the user's
 * conversation settings (top, silent, draft). A new device gets the whole list and its badges without pulling a
 * single message; a device that has a list asks for what changed since the timeline head and read version it got
 * with it. Newest conversation first. A super group's conversation comes from its shared timeline, in every answer
 * (its unread count covers the newest {@value #SHARED_WINDOW} entries the user may read).
 */
public final class Conversations {

    /** User setting scopes of a conversation, keyed by {@link ConversationKeys}: silent, top, draft. */
    static final int SILENT_SCOPE = 1;
    static final int TOP_SCOPE = 3;
    static final int DRAFT_SCOPE = 19;

    private final ConversationStore store;
    private final ReceiptStore receipts;
    private final SettingStore settings;
    private final MessageStore messages;
    private final ConversationPolicies views;
    private final SharedTimelines shared;
    private final BlockingExecutor blocking;

    /** A super group's unread count covers at most this many of its newest shared entries. */
    static final int SHARED_WINDOW = 1000;

    public Conversations(ConversationStore store, ReceiptStore receipts, SettingStore settings, MessageStore messages,
                         ConversationPolicies views, SharedTimelines shared, BlockingExecutor blocking) {
        this.shared = shared;
        this.store = store;
        this.receipts = receipts;
        this.settings = settings;
        this.messages = messages;
        this.views = views;
        this.blocking = blocking;
    }

    /**
     * The user's conversations; with {@code sinceSeq} or {@code sinceRead} above 0 only those with entries after
     * that seq or read marks changed after that version (and those gone since: {@code deleted}).
     */
    public CompletableFuture<ConversationListResult> list(String userId, long sinceSeq, long sinceRead) {
        return blocking.supply(() -> {
            // head and version first: what changes while this reads is in the next answer again, never lost
            long head = messages.head(userId);
            long readVersion = receipts.readVersion(userId);
            Set<String> wanted = null;
            if (sinceSeq > 0 || sinceRead > 0) {
                wanted = new HashSet<>();
                for (Conversation c : store.touchedSince(userId, sinceSeq)) {
                    wanted.add(ConversationKeys.of(c));
                }
                wanted.addAll(receipts.readSince(userId, sinceRead).keySet());
            }
            List<ConversationStore.Summary> found = new ArrayList<>();
            for (ConversationStore.Summary s : store.summaries(userId)) {
                if (wanted == null || wanted.remove(ConversationKeys.of(s.conversation()))) {
                    found.add(s);
                }
            }
            Map<Long, StoredMessage> last = store.atSeqs(userId,
                    found.stream().map(ConversationStore.Summary::lastSeq).toList());
            // super groups: from their shared timelines, in every answer (a since-version does not cover them)
            Map<ConversationStore.Summary, StoredMessage> sharedLast = new HashMap<>();
            for (Map.Entry<String, SharedTimelines.Readable> e : shared.readBy(userId).entrySet()) {
                String timeline = e.getKey();
                SharedTimelines.Readable readable = e.getValue();
                List<ConversationStore.Summary> rows = store.sharedSummaries(userId, timeline,
                        Math.max(readable.after(), readable.head() - SHARED_WINDOW));
                Map<Long, StoredMessage> at = store.atSharedSeqs(timeline,
                        rows.stream().map(ConversationStore.Summary::lastSeq).toList());
                for (ConversationStore.Summary row : rows) {
                    if (wanted != null) {
                        wanted.remove(ConversationKeys.of(row.conversation()));
                    }
                    found.add(row);
                    sharedLast.put(row, at.get(row.lastSeq()));
                }
            }
            Map<String, String> top = scope(userId, TOP_SCOPE);
            Map<String, String> silent = scope(userId, SILENT_SCOPE);
            Map<String, String> draft = scope(userId, DRAFT_SCOPE);
            java.util.function.Function<ConversationStore.Summary, StoredMessage> lastOf =
                    s -> sharedLast.containsKey(s) ? sharedLast.get(s) : last.get(s.lastSeq());
            found.sort(Comparator.comparingLong((ConversationStore.Summary s) -> lastOf.apply(s) == null ? 0
                    : lastOf.apply(s).serverTime()).reversed());
            ConversationListResult.Builder out = ConversationListResult.newBuilder().setHead(head)
                    .setReadVersion(readVersion);
            for (ConversationStore.Summary s : found) {
                String key = ConversationKeys.of(s.conversation());
                ConversationEntry.Builder entry = ConversationEntry.newBuilder().setConversation(s.conversation())
                        .setUnread(s.unread()).setUnreadMention(s.unreadMention())
                        .setUnreadMentionAll(s.unreadMentionAll()).setReadTime(s.readAt())
                        .setTop(top.getOrDefault(key, "")).setSilent("1".equals(silent.get(key)))
                        .setDraft(draft.getOrDefault(key, ""));
                StoredMessage m = lastOf.apply(s);
                if (m != null) {
                    entry.setLastMessage(m.view(views.viewFor(m, userId), s.lastSeq()));
                }
                out.addConversations(entry);
            }
            if (wanted != null) {
                for (String gone : wanted) {
                    out.addConversations(ConversationEntry.newBuilder().setConversation(parse(gone)).setDeleted(true));
                }
            }
            return out.build();
        });
    }

    private Map<String, String> scope(String userId, int scope) {
        Map<String, String> out = new HashMap<>();
        for (UserSetting s : settings.ofScope(userId, scope)) {
            if (!s.value().isEmpty()) {
                out.put(s.key(), s.value());
            }
        }
        return out;
    }

    private static Conversation parse(String key) {
        String[] p = key.split("-", 3);
        return Conversation.newBuilder().setType(Integer.parseInt(p[0])).setLine(Integer.parseInt(p[1]))
                .setTarget(p[2]).build();
    }
}
