package io.hearth.server.group;

import io.hearth.protocol.pb.MessageContent;
import java.util.List;

/**
 * Who makes a group change and how its notification goes out ({@code InputGroupBase}): the operator, the lines
 * ({@code to_lines}; none = line 0) and {@code notifyMessage}, which replaces the default notification when set.
 * {@code admin} is true for the server API, which skips the role checks.
 */
public record GroupOp(String operator, List<Integer> lines, MessageContent notifyMessage, boolean admin) {

    public GroupOp {
        lines = lines == null || lines.isEmpty() ? List.of(0) : List.copyOf(lines);
    }

    /** A server API change by {@code operator}. */
    public static GroupOp admin(String operator, List<Integer> lines, MessageContent notifyMessage) {
        return new GroupOp(operator, lines, notifyMessage, true);
    }
}
