package io.hearth.server.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.cluster.Advertised;
import io.hearth.server.cluster.BoundPorts;
import io.hearth.server.cluster.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRecordTest {

    @Test
    void aRecordRoundTripsWithEveryAddress() {
        Advertised a = new Advertised("im.example.com", 11881, 10081, 11883, "ws.example.com", 18081, 18443,
                List.of(new Advertised.Backup("203.0.113.7", 81, 1881, 8081)));
        NodeInfo n = new NodeInfo(3, a, new BoundPorts("10.0.0.3", 11881, 80, 18081, -1, 11883, -1), true);
        assertThat(NodeRecord.decode(3, NodeRecord.encode(n))).contains(n);
    }

    @Test
    void theVersion01PipeFormatIsStillRead() {
        assertThat(NodeRecord.decode(2, "10.0.0.2|1883|80|8083|-1|false")).contains(
                new NodeInfo(2, Advertised.plain("10.0.0.2", 1883, 80, 8083), null, false));
    }

    @Test
    void anUnreadableRecordIsLeftOutInsteadOfFailing() {
        assertThat(NodeRecord.decode(4, "{\"something\":\"else\"}")).isEmpty();
        assertThat(NodeRecord.decode(4, "{not json")).isEmpty();
        assertThat(NodeRecord.decode(4, "a|b")).isEmpty();
    }
}
