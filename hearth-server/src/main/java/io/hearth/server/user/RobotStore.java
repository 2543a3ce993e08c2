package io.hearth.server.user;

import java.util.List;
import java.util.Optional;

/** Storage port for robots. Implementations block (JDBC); call them from the blocking executor only. */
public interface RobotStore {

    Optional<Robot> find(String userId);

    /** Creates the robot or overwrites every field of an existing one. */
    void upsert(Robot robot);

    /** Ids of the robots {@code owner} owns, by id. */
    List<String> ownedBy(String owner);

    /** One page of every robot, by id. */
    List<Robot> page(int offset, int count);
}
