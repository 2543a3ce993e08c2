package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.user.Robot;
import io.hearth.server.user.Robots;
import io.hearth.server.user.User;
import io.hearth.server.user.UserDirectory;
import io.hearth.server.user.UserFields;
import io.hearth.server.user.UserIds;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Server API robot actions: {@code /admin/robot/create} (user fields plus {@code owner}, {@code secret},
 * {@code callback}, {@code robotExtra}; a secret is made up when empty), {@code /admin/user/get_robot_info},
 * {@code get_all_robots} and {@code get_user_robots}, with the reference's field names. Called on event loops.
 */
public final class RobotActions implements AdminActions {

    private final Robots robots;
    private final UserDirectory users;
    private final RandomIds ids = new RandomIds();

    public RobotActions(Robots robots, UserDirectory users) {
        this.robots = robots;
        this.users = users;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/robot/create", this::create)
                .action("/admin/user/get_robot_info", this::info)
                .action("/admin/user/get_all_robots", this::all)
                .action("/admin/user/get_user_robots", this::ofUser);
    }

    private CompletableFuture<Object> create(JsonNode b) {
        String name = AdminJson.required(b, "name");
        String owner = UserIds.check("owner", AdminJson.optional(b, "owner"));
        String userId = Optional.ofNullable(AdminJson.optional(b, "userId")).orElseGet(ids::userId);
        String displayName = Optional.ofNullable(AdminJson.optional(b, "displayName")).orElse(name);
        User u = UserFields.check(new User(userId, name, displayName, AdminJson.optional(b, "portrait"),
                AdminJson.optionalInt(b, "gender", 0), AdminJson.optional(b, "mobile"), AdminJson.optional(b, "email"),
                AdminJson.optional(b, "address"), AdminJson.optional(b, "company"), AdminJson.optional(b, "social"),
                AdminJson.optional(b, "extra"), 1, false, 0, 0));
        String secret = FieldCheck.printable("secret",
                Optional.ofNullable(AdminJson.optional(b, "secret")).orElseGet(ids::secret), Robot.SECRET);
        Robot r = new Robot(userId, owner, secret,
                FieldCheck.text("callback", AdminJson.optional(b, "callback"), Robot.CALLBACK),
                FieldCheck.text("robotExtra", AdminJson.optional(b, "robotExtra"), UserFields.EXTRA));
        return robots.create(u, r).thenApply(c -> Map.of("userId", c.user().userId(), "secret", c.robot().secret()));
    }

    private CompletableFuture<Object> info(JsonNode b) {
        String robotId = UserIds.check("robotId", AdminJson.required(b, "robotId"));
        return robots.find(robotId).thenApply(r -> json(r.orElseThrow(
                () -> new StatusException(Status.NOT_EXIST, "robot " + robotId + " not exist"))));
    }

    private CompletableFuture<Object> all(JsonNode b) {
        int count = UserProfileActions.count(b);
        int offset = UserProfileActions.offset(b);
        return robots.page(offset, count).thenApply(list -> Map.of("robotInfoList",
                list.stream().map(RobotActions::json).toList()));
    }

    private CompletableFuture<Object> ofUser(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        return users.exists(userId).thenCompose(exists -> {
            if (!exists) {
                throw new StatusException(Status.NOT_EXIST, "user " + userId + " not exist");
            }
            return robots.ownedBy(userId);
        }).thenApply(list -> Map.of("list", list));
    }

    /** The reference's {@code OutputRobot}: the user's fields without type, plus the robot's. */
    private static Map<String, Object> json(Robots.RobotUser r) {
        Map<String, Object> m = UserActions.json(r.user());
        m.remove("type");
        m.put("owner", r.robot().owner());
        m.put("secret", r.robot().secret());
        m.put("callback", r.robot().callback());
        m.put("robotExtra", r.robot().robotExtra());
        m.values().removeIf(v -> v == null);
        return m;
    }
}
