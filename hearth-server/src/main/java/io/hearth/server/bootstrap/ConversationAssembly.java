package io.hearth.server.bootstrap;

import io.hearth.server.admin.ReceiptActions;
import io.hearth.server.conversation.ConversationMethods;
import io.hearth.server.conversation.Conversations;
import io.hearth.server.conversation.Receipts;
import io.hearth.server.group.GroupStore;
import io.hearth.server.message.MessageService;
import io.hearth.server.storage.jdbc.JdbcConversationStore;
import io.hearth.server.storage.jdbc.JdbcMessageStore;
import io.hearth.server.storage.jdbc.JdbcReceiptStore;
import io.hearth.server.storage.jdbc.JdbcSettingStore;

/** Receipts and server-side conversations: their RPCs and server API actions. */
final class ConversationAssembly {

    private ConversationAssembly() {
    }

    static void conversations(Core core, Nodes nodes, GroupStore groups, MessageService messages, Entries entries) {
        JdbcReceiptStore receiptStore = new JdbcReceiptStore(core.db());
        JdbcSettingStore settings = new JdbcSettingStore(core.db());
        Receipts receipts = new Receipts(receiptStore, groups, settings, nodes.notifier(), core.blocking(),
                core.clock());
        Conversations conversations = new Conversations(new JdbcConversationStore(core.db()), receiptStore, settings,
                new JdbcMessageStore(core.db()), messages.policies(), entries.sharedTimelines, core.blocking());
        ConversationMethods.register(entries.rpc, receipts, conversations);
        entries.admin.add(new ReceiptActions(receipts));
    }
}
