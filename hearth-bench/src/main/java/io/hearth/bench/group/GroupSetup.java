package io.hearth.bench.group;

import io.hearth.client.admin.AdminClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Creates the bench's groups through the server API ({@code /admin/group/create}), a few at a time: the first
 * member is the owner and operator, the others join as normal members, and the group's own
 * {@code max_member_count} is its size so that the node's default limit does not refuse a big group. Called from the
 * bench's main thread; each create answers after the notification 104 is stored for every member.
 */
final class GroupSetup {

    private GroupSetup() {
    }

    static void create(AdminClient admin, List<String> groupIds, List<List<String>> members, boolean superGroup)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int g = 0; g < groupIds.size(); g++) {
                Map<String, Object> body = body(groupIds.get(g), members.get(g), superGroup);
                pending.add(pool.submit(() -> admin.post("/admin/group/create", body)));
            }
            for (Future<?> f : pending) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Object> body(String groupId, List<String> members, boolean superGroup) {
        String owner = members.get(0);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("target_id", groupId);
        info.put("name", groupId);
        info.put("owner", owner);
        info.put("type", 2);
        info.put("max_member_count", members.size());
        info.put("super_group", superGroup);
        List<Map<String, Object>> list = new ArrayList<>(members.size() - 1);
        for (String m : members.subList(1, members.size())) {
            list.add(Map.of("member_id", m, "type", 0));
        }
        return Map.of("operator", owner, "group", Map.of("group_info", info, "members", list));
    }
}
