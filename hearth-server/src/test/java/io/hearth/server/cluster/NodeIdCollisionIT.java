package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.config.ConfigException;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node whose node_id is already live in the cluster refuses to start, with a message that names the member. */
class NodeIdCollisionIT {

    @Test
    void aSecondNodeWithTheSameNodeIdRefusesToStart() throws IOException {
        int p1 = Ports.free();
        int p2 = Ports.free();
        String members = "127.0.0.1:" + p1 + ",127.0.0.1:" + p2;
        try (TestNode first = TestNode.start(Map.of("node_id", 4, "cluster.members", members,
                "cluster.host", "127.0.0.1", "cluster.port", p1))) {
            assertThatThrownBy(() -> TestNode.start(Map.of("node_id", 4, "cluster.members", members,
                    "cluster.host", "127.0.0.1", "cluster.port", p2)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("node_id 4 is already used by cluster member")
                    .hasMessageContaining(Integer.toString(p1));
            try (TestNode second = TestNode.start(Map.of("node_id", 5, "cluster.members", members,
                    "cluster.host", "127.0.0.1", "cluster.port", p2))) {
                assertThat(second.server().config().nodeId()).isEqualTo(5);
            }
        }
    }

}
