package io.hearth.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.hearth.protocol.pb.MessageContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notification contents: type, persist flag, the {@code data} keys of each change, and who a kick names. */
class GroupNoticesTest {

    @Test
    void dataHasOnlyTheKeysOfTheChangeInTheReferencesOrder() {
        MessageContent add = GroupNotices.content(GroupNotices.ADD, "g1", "alice", null, List.of("b", "c"), null);
        assertThat(add.getType()).isEqualTo(105);
        assertThat(add.getPersistFlag()).isEqualTo(1);
        assertThat(add.getData().toStringUtf8()).isEqualTo("{\"g\":\"g1\",\"o\":\"alice\",\"ms\":[\"b\",\"c\"]}");
        assertThat(GroupNotices.content(GroupNotices.ALIAS, "g1", "alice", "A", null, "b").getData().toStringUtf8())
                .isEqualTo("{\"g\":\"g1\",\"o\":\"alice\",\"n\":\"A\",\"m\":\"b\"}");
        assertThat(GroupNotices.content(GroupNotices.DISMISS, "g1", "o\"q", null, null, null).getData()
                .toStringUtf8()).isEqualTo("{\"g\":\"g1\",\"o\":\"o\\\"q\"}");
    }

    @Test
    void kickAndQuitNameTheirLeaversOtherTypesAndBadDataNone() {
        assertThat(GroupNotices.leavers(GroupNotices.content(GroupNotices.KICK, "g", "o", null, List.of("x", "y"),
                null))).containsExactly("x", "y");
        assertThat(GroupNotices.leavers(GroupNotices.content(GroupNotices.KICK_VISIBLE, "g", "o", null,
                List.of("x"), null))).containsExactly("x");
        assertThat(GroupNotices.leavers(GroupNotices.content(GroupNotices.QUIT, "g", "q", null, null, null)))
                .containsExactly("q");
        assertThat(GroupNotices.leavers(GroupNotices.content(GroupNotices.ADD, "g", "o", null, List.of("x"), null)))
                .isEmpty();
        assertThat(GroupNotices.leavers(MessageContent.newBuilder().setType(106)
                .setData(ByteString.copyFromUtf8("not json")).build())).isEmpty();
    }
}
