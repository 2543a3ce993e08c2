package io.hearth.server.bootstrap;

import io.hearth.server.admin.AdminActions;
import io.hearth.server.message.ConversationPolicy;
import io.hearth.server.message.MemoryTimelines;
import io.hearth.server.message.MessageChanges;
import io.hearth.server.message.SendCheck;
import io.hearth.server.message.SharedTimelines;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.SessionFacet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the features contribute to the node's entry points while they are assembled: client RPC methods, server API
 * action groups, parts of {@code session.info}, checks of every send, checks of single chats, and the policies of
 * conversation types other than single chat, and the owner of the shared timelines. Filled in assembly order on the starting thread.
 */
final class Entries {

    final RpcRegistry rpc = new RpcRegistry();
    final List<AdminActions> admin = new ArrayList<>();
    final List<SessionFacet> sessionFacets = new ArrayList<>();
    final List<SendCheck> sendChecks = new ArrayList<>();
    final List<SendCheck> singleChatChecks = new ArrayList<>();
    final List<ConversationPolicy> policies = new ArrayList<>();
    /** The owner of the shared timelines (super groups); none until a feature sets it. */
    SharedTimelines sharedTimelines = SharedTimelines.NONE;
    /** The pull types read from memory (1: chatroom queues), by type. */
    final Map<Integer, MemoryTimelines> memoryPulls = new HashMap<>();
    /** Recall, edit and delete, for the entry points besides the client's and the server API's (the robot API). */
    MessageChanges messageChanges;
}
