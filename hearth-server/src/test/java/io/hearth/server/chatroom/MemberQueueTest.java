package io.hearth.server.chatroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberQueueTest {

    private static final int TEXT = 1;
    private static final int KEY = 400;

    private static Message msg(int type, String text) {
        return Message.newBuilder().setContent(MessageContent.newBuilder().setType(type).setSearchableContent(text))
                .build();
    }

    private static List<String> texts(MemberQueue.Page p) {
        return p.messages().stream().map(m -> m.getSeq() + ":" + m.getContent().getSearchableContent()).toList();
    }

    @Test
    void aFullQueueDropsTheOldestOrdinaryMessageAndKeepsKeyTypes() {
        MemberQueue q = new MemberQueue(3, Set.of(KEY));
        assertThat(q.append(msg(KEY, "k1"), 0).dropped()).isZero();
        q.append(msg(TEXT, "t1"), 0);
        q.append(msg(TEXT, "t2"), 0);
        MemberQueue.Appended a = q.append(msg(TEXT, "t3"), 0);
        assertThat(a.dropped()).isEqualTo(1);
        assertThat(a.head()).isEqualTo(4);
        assertThat(texts(q.pull(0, 100))).containsExactly("1:k1", "3:t2", "4:t3");
    }

    @Test
    void whenOnlyKeyMessagesAreQueuedTheOldestKeyOneGoes() {
        MemberQueue q = new MemberQueue(2, Set.of(KEY));
        q.append(msg(KEY, "k1"), 0);
        q.append(msg(KEY, "k2"), 0);
        assertThat(q.append(msg(TEXT, "t1"), 0).dropped()).isEqualTo(1);
        assertThat(texts(q.pull(0, 100))).containsExactly("2:k2", "3:t1");
    }

    @Test
    void aPullPagesAndMovesOverDroppedSeqs() {
        MemberQueue q = new MemberQueue(2, Set.of());
        for (int i = 1; i <= 5; i++) {
            q.append(msg(TEXT, "t" + i), 0);
        }
        MemberQueue.Page first = q.pull(0, 1);
        assertThat(texts(first)).containsExactly("4:t4");
        assertThat(first.current()).isEqualTo(4);
        MemberQueue.Page rest = q.pull(first.current(), 10);
        assertThat(texts(rest)).containsExactly("5:t5");
        assertThat(rest.current()).isEqualTo(5).isEqualTo(rest.head());
        assertThat(q.pull(5, 10).messages()).isEmpty();
    }

    @Test
    void aMemberIsToldOnceUntilItPullsOrASecondPasses() {
        MemberQueue q = new MemberQueue(10, Set.of());
        assertThat(q.append(msg(TEXT, "a"), 1000).tell()).isTrue();
        assertThat(q.append(msg(TEXT, "b"), 1001).tell()).isFalse();
        q.pull(0, 10);
        assertThat(q.append(msg(TEXT, "c"), 1002).tell()).isTrue();
        assertThat(q.append(msg(TEXT, "d"), 1500).tell()).isFalse();
        assertThat(q.append(msg(TEXT, "e"), 2002).tell()).isTrue();
    }
}
