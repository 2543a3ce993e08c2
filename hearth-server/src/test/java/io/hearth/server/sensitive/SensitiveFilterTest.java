package io.hearth.server.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.Send;
import io.hearth.server.testing.ManualClock;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each filter type on a client send, the server API exempt, over an in-memory word list. */
class SensitiveFilterTest {

    private SensitiveWords words;

    @BeforeEach
    void words() {
        words = new SensitiveWords(new ListStore(new java.util.ArrayList<>(List.of("spam"))), null, new ManualClock(0)).start();
    }

    @AfterEach
    void stop() {
        words.close();
    }

    @Test
    void typeZeroRefusesWith242() {
        SensitiveFilter reject = new SensitiveFilter(words, SensitiveFilter.REJECT);
        Throwable error = reject.check(send("buy SPAM now", Send.Origin.CLIENT)).handle((s, e) -> e).join();
        assertThat(StatusException.statusOf(error)).isEqualTo(Status.SENSITIVE_MATCHED);
    }

    @Test
    void typeOneDropsTypeTwoMasksTypeThreePasses() {
        Send s = send("spam and spam", Send.Origin.CLIENT);
        assertThat(new SensitiveFilter(words, SensitiveFilter.DROP).check(s).join().dropped()).isTrue();
        Send masked = new SensitiveFilter(words, SensitiveFilter.REPLACE).check(s).join();
        assertThat(masked.request().getContent().getSearchableContent()).isEqualTo("*** and ***");
        assertThat(masked.dropped()).isFalse();
        assertThat(new SensitiveFilter(words, SensitiveFilter.RECORD).check(s).join()).isSameAs(s);
    }

    @Test
    void aWordInThePushTextOnlyIsFoundAndMaskedThere() {
        Send s = send("all fine", Send.Origin.CLIENT);
        s = s.withContent(s.request().getContent().toBuilder().setPushContent("new SPAM for you").build());
        Throwable error = new SensitiveFilter(words, SensitiveFilter.REJECT).check(s).handle((x, e) -> e).join();
        assertThat(StatusException.statusOf(error)).isEqualTo(Status.SENSITIVE_MATCHED);
        Send masked = new SensitiveFilter(words, SensitiveFilter.REPLACE).check(s).join();
        assertThat(masked.request().getContent().getPushContent()).isEqualTo("new *** for you");
        assertThat(masked.request().getContent().getSearchableContent()).isEqualTo("all fine");
    }

    @Test
    void cleanSendsAndServerApiSendsPassUntouched() {
        Send clean = send("all fine", Send.Origin.CLIENT);
        Send admin = send("spam", Send.Origin.SERVER_API);
        for (int type = 0; type <= 3; type++) {
            SensitiveFilter f = new SensitiveFilter(words, type);
            assertThat(f.check(clean).join()).isSameAs(clean);
            assertThat(f.check(admin).join()).isSameAs(admin);
        }
    }

    private static Send send(String text, Send.Origin origin) {
        SendMessageRequest req = SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget("bob"))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3))
                .build();
        return new Send("alice", origin == Send.Origin.CLIENT ? "phone" : null, req, origin);
    }

    /** A fixed list; {@link SensitiveWords#start} reads it on the calling thread. */
    private record ListStore(List<String> words) implements SensitiveWordStore {

        @Override
        public List<String> all() {
            return words;
        }

        @Override
        public long version() {
            return 1;
        }

        @Override
        public void add(Collection<String> w, long now) {
            words.addAll(w);
        }

        @Override
        public void remove(Collection<String> w) {
            words.removeAll(w);
        }

        @Override
        public void recordHits(long messageUid, String sender, Collection<String> w, long at) {
            // the filter never records (SensitiveHits does, after the commit); nothing to keep here
        }
    }
}
