package io.hearth.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RPC method names, the last level of {@code rpc/<method>}. Each names its request message and the {@code Reply}
 * case that carries its result; {@link #REPLY_CASES} lists them all, and the server refuses to start when one has
 * no handler.
 */
public final class Methods {

    /** {@code SendMessageRequest} to {@code SendMessageResult} (Reply.send). */
    public static final String MESSAGE_SEND = "message.send";
    /** {@code PullMessageRequest} to {@code PullMessageResult} (Reply.pull). */
    public static final String MESSAGE_PULL = "message.pull";
    /** {@code RecallMessageRequest} to {@code MessageChangeResult} (Reply.message_changed). */
    public static final String MESSAGE_RECALL = "message.recall";
    /** {@code UpdateMessageRequest} to {@code MessageChangeResult}. */
    public static final String MESSAGE_UPDATE = "message.update";
    /** {@code MulticastMessageRequest} to {@code SendMessageResult} (Reply.send). */
    public static final String MESSAGE_MULTICAST = "message.multicast";
    /** {@code DeleteMessageRequest} to {@code MessageChangeResult}: the caller's own copy. */
    public static final String MESSAGE_DELETE = "message.delete";
    // receipts and conversations
    /** {@code DeliveredRequest} to {@code ReceiptAck} (Reply.receipt_ack). */
    public static final String MESSAGE_DELIVERED = "message.delivered";
    /** {@code ReadRequest} to {@code ReceiptAck}. */
    public static final String MESSAGE_READ = "message.read";
    /** {@code ReceiptsRequest} to {@code ReceiptsResult} (Reply.receipts). */
    public static final String MESSAGE_RECEIPTS = "message.receipts";
    /** {@code ConversationListRequest} to {@code ConversationListResult} (Reply.conversations). */
    public static final String CONVERSATION_LIST = "conversation.list";
    /** {@code SessionInfoRequest} to {@code SessionInfoResult} (Reply.session). */
    public static final String SESSION_INFO = "session.info";
    // settings
    /** {@code PutSettingRequest} to {@code PutSettingResult} (Reply.setting_put). */
    public static final String SETTING_PUT = "setting.put";
    /** {@code PullSettingRequest} to {@code PullSettingResult} (Reply.setting_pull). */
    public static final String SETTING_PULL = "setting.pull";
    /** {@code GetUserInfosRequest} to {@code GetUserInfosResult} (Reply.user_infos). */
    public static final String USER_GET_INFOS = "user.get_infos";
    /** {@code ModifyMyInfoRequest} to {@code ModifyMyInfoResult} (Reply.my_info). */
    public static final String USER_MODIFY_MY_INFO = "user.modify_my_info";
    /** {@code SearchUserRequest} to {@code SearchUserResult} (Reply.user_search). */
    public static final String USER_SEARCH = "user.search";
    // history and search
    /** {@code LoadHistoryRequest} to {@code LoadHistoryResult} (Reply.history). */
    public static final String MESSAGE_LOAD_HISTORY = "message.load_history";
    /** {@code SearchMessageRequest} to {@code SearchMessageResult} (Reply.message_search). */
    public static final String MESSAGE_SEARCH = "message.search";

    // relations: friends, friend requests, blacklist; every change replies with RelationVersions
    /** {@code FriendRequestRequest} to {@code RelationVersions} (Reply.relation_versions). */
    public static final String FRIEND_REQUEST = "friend.request";
    /** {@code FriendHandleRequest} to {@code RelationVersions}. */
    public static final String FRIEND_HANDLE = "friend.handle";
    /** {@code FriendSince} to {@code FriendRequestsResult} (Reply.friend_requests). */
    public static final String FRIEND_PULL_REQUESTS = "friend.pull_requests";
    /** {@code FriendSince} to {@code RelationVersions}. */
    public static final String FRIEND_MARK_READ = "friend.mark_read";
    /** {@code FriendSince} to {@code FriendsResult} (Reply.friends). */
    public static final String FRIEND_PULL = "friend.pull";
    /** {@code FriendTarget} to {@code RelationVersions}. */
    public static final String FRIEND_DELETE = "friend.delete";
    /** {@code FriendAliasRequest} to {@code RelationVersions}. */
    public static final String FRIEND_SET_ALIAS = "friend.set_alias";
    /** {@code FriendExtraRequest} to {@code RelationVersions}. */
    public static final String FRIEND_SET_EXTRA = "friend.set_extra";
    /** {@code BlacklistRequest} to {@code RelationVersions}. */
    public static final String BLACKLIST_SET = "blacklist.set";

    // groups (group.proto); a change the caller may not make is 248
    /** {@code CreateGroupRequest} to {@code CreateGroupResult} (Reply.group_created). */
    public static final String GROUP_CREATE = "group.create";
    /** {@code AddGroupMembersRequest} to {@code GroupChangeResult} (Reply.group_changed). */
    public static final String GROUP_ADD_MEMBERS = "group.add_members";
    /** {@code KickGroupMembersRequest} to {@code GroupChangeResult}. */
    public static final String GROUP_KICK_MEMBERS = "group.kick_members";
    /** {@code GroupTarget} to {@code GroupChangeResult}. */
    public static final String GROUP_QUIT = "group.quit";
    /** {@code GroupTarget} to {@code GroupChangeResult}. */
    public static final String GROUP_DISMISS = "group.dismiss";
    /** {@code ModifyGroupRequest} to {@code GroupChangeResult}. */
    public static final String GROUP_MODIFY = "group.modify";
    /** {@code SetGroupAliasRequest} to {@code GroupChangeResult}. */
    public static final String GROUP_SET_ALIAS = "group.set_alias";
    /** {@code TransferGroupRequest} to {@code GroupChangeResult}. */
    public static final String GROUP_TRANSFER = "group.transfer";
    /** {@code SetGroupManagersRequest} to {@code GroupChangeResult}. */
    public static final String GROUP_SET_MANAGERS = "group.set_managers";
    /** {@code SetGroupMemberFlagRequest} to {@code GroupChangeResult}: mute members (type 3) or unmute them. */
    public static final String GROUP_MUTE_MEMBERS = "group.mute_members";
    /** {@code SetGroupMemberFlagRequest} to {@code GroupChangeResult}: allow members (type 5) or stop allowing. */
    public static final String GROUP_ALLOW_MEMBERS = "group.allow_members";
    /** {@code MyGroupsRequest} to {@code GroupIdsResult} (Reply.group_ids). */
    public static final String GROUP_MY_GROUPS = "group.my_groups";
    /** {@code CommonGroupsRequest} to {@code GroupIdsResult}. */
    public static final String GROUP_COMMON_GROUPS = "group.common_groups";
    /** {@code GetGroupInfosRequest} to {@code GetGroupInfosResult} (Reply.group_infos). */
    public static final String GROUP_GET_INFOS = "group.get_infos";
    /** {@code PullGroupMembersRequest} to {@code GroupMembersResult} (Reply.group_members). */
    public static final String GROUP_PULL_MEMBERS = "group.pull_members";

    // chatrooms
    /** {@code ChatroomTarget} to {@code ChatroomJoinResult} (Reply.chatroom_joined). */
    public static final String CHATROOM_JOIN = "chatroom.join";
    /** {@code ChatroomTarget} to {@code ChatroomJoinResult}. */
    public static final String CHATROOM_QUIT = "chatroom.quit";
    /** {@code ChatroomTarget} to {@code ChatroomInfo} (Reply.chatroom_info). */
    public static final String CHATROOM_INFO = "chatroom.info";
    /** {@code ChatroomMembersRequest} to {@code ChatroomMembersResult} (Reply.chatroom_members). */
    public static final String CHATROOM_MEMBERS = "chatroom.members";

    /** Every method of this protocol version and the name of its {@code Reply} oneof case. */
    public static final Map<String, String> REPLY_CASES = cases(
            MESSAGE_SEND, "send",
            MESSAGE_PULL, "pull",
            MESSAGE_MULTICAST, "send",
            MESSAGE_RECALL, "message_changed",
            MESSAGE_DELIVERED, "receipt_ack",
            MESSAGE_READ, "receipt_ack",
            MESSAGE_RECEIPTS, "receipts",
            CONVERSATION_LIST, "conversations",
            MESSAGE_UPDATE, "message_changed",
            MESSAGE_DELETE, "message_changed",
            SESSION_INFO, "session",
            // users
            USER_GET_INFOS, "user_infos",
            USER_MODIFY_MY_INFO, "my_info",
            USER_SEARCH, "user_search",
            // relations
            FRIEND_REQUEST, "relation_versions",
            FRIEND_HANDLE, "relation_versions",
            FRIEND_PULL_REQUESTS, "friend_requests",
            FRIEND_MARK_READ, "relation_versions",
            FRIEND_PULL, "friends",
            FRIEND_DELETE, "relation_versions",
            FRIEND_SET_ALIAS, "relation_versions",
            FRIEND_SET_EXTRA, "relation_versions",
            BLACKLIST_SET, "relation_versions",
            // settings
            SETTING_PUT, "setting_put",
            SETTING_PULL, "setting_pull",
            // history and search
            MESSAGE_LOAD_HISTORY, "history",
            MESSAGE_SEARCH, "message_search",
            // groups
            GROUP_CREATE, "group_created",
            GROUP_ADD_MEMBERS, "group_changed",
            GROUP_KICK_MEMBERS, "group_changed",
            GROUP_QUIT, "group_changed",
            GROUP_DISMISS, "group_changed",
            GROUP_MODIFY, "group_changed",
            GROUP_SET_ALIAS, "group_changed",
            GROUP_TRANSFER, "group_changed",
            GROUP_SET_MANAGERS, "group_changed",
            GROUP_MUTE_MEMBERS, "group_changed",
            GROUP_ALLOW_MEMBERS, "group_changed",
            GROUP_MY_GROUPS, "group_ids",
            GROUP_COMMON_GROUPS, "group_ids",
            GROUP_GET_INFOS, "group_infos",
            GROUP_PULL_MEMBERS, "group_members",
            // chatrooms
            CHATROOM_JOIN, "chatroom_joined",
            CHATROOM_QUIT, "chatroom_joined",
            CHATROOM_INFO, "chatroom_info",
            CHATROOM_MEMBERS, "chatroom_members");

    private Methods() {
    }

    private static Map<String, String> cases(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (m.put(pairs[i], pairs[i + 1]) != null) {
                throw new IllegalStateException("method " + pairs[i] + " declared twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
