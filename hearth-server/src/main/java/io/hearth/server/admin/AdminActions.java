package io.hearth.server.admin;

/**
 * One feature's group of server API actions (users, messages, relations, ...): registers its paths on the
 * {@link AdminApi} at start-up. The admin port is built from a list of these.
 */
@FunctionalInterface
public interface AdminActions {

    void register(AdminApi api);
}
