package io.hearth.server.user;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Robots: users of type 1 with a robot row (owner, secret, callback, extra). Creating one writes the robot row,
 * then the user, so a robot is never visible without its row; a robot whose user was destroyed or overwritten with
 * another type is no robot. Store work runs on the blocking executor.
 */
public final class Robots {

    /** A robot with its user. */
    public record RobotUser(User user, Robot robot) {
    }

    private final RobotStore robots;
    private final UserStore users;
    private final UserDirectory directory;
    private final BlockingExecutor blocking;

    public Robots(RobotStore robots, UserStore users, UserDirectory directory, BlockingExecutor blocking) {
        this.robots = robots;
        this.users = users;
        this.directory = directory;
        this.blocking = blocking;
    }

    /** Creates or overwrites a robot; 253 when its owner does not exist. {@code user.type()} must be 1. */
    public CompletableFuture<RobotUser> create(User user, Robot robot) {
        return blocking.supply(() -> {
            if (users.find(robot.owner()).filter(u -> !u.deleted()).isEmpty()) {
                throw new StatusException(Status.NOT_EXIST, "owner " + robot.owner() + " not exist");
            }
            robots.upsert(robot);
            return robot;
        }).thenCompose(r -> directory.upsert(user).thenApply(u -> new RobotUser(u, r)));
    }

    /** The robot with this id; empty when there is none (or its user is destroyed or no robot any more). */
    public CompletableFuture<Optional<RobotUser>> find(String robotId) {
        return blocking.supply(() -> robots.find(robotId).flatMap(r -> users.find(robotId)
                .filter(Robots::isRobot).map(u -> new RobotUser(u, r))));
    }

    public CompletableFuture<List<String>> ownedBy(String owner) {
        return blocking.supply(() -> {
            List<String> ids = robots.ownedBy(owner);
            List<String> out = new ArrayList<>();
            Map<String, User> byId = byId(users.findAll(ids));
            for (String id : ids) {
                if (byId.containsKey(id) && isRobot(byId.get(id))) {
                    out.add(id);
                }
            }
            return out;
        });
    }

    /** One page of robots by id (robot rows whose user is no robot any more are left out of the page). */
    public CompletableFuture<List<RobotUser>> page(int offset, int count) {
        return blocking.supply(() -> {
            List<Robot> page = robots.page(offset, count);
            Map<String, User> byId = byId(users.findAll(page.stream().map(Robot::userId).toList()));
            List<RobotUser> out = new ArrayList<>();
            for (Robot r : page) {
                User u = byId.get(r.userId());
                if (u != null && isRobot(u)) {
                    out.add(new RobotUser(u, r));
                }
            }
            return out;
        });
    }

    private static boolean isRobot(User u) {
        return u.type() == 1 && !u.deleted();
    }

    private static Map<String, User> byId(List<User> list) {
        Map<String, User> m = new HashMap<>();
        list.forEach(u -> m.put(u.userId(), u));
        return m;
    }
}
