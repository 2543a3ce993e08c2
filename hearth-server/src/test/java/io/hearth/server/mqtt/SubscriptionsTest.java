package io.hearth.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions subs = new Subscriptions("alice", 3);

    @Test
    void filtersSelectTheFormsOfEachPushKind() {
        assertThat(subs.forms(Topics.PUSH_MESSAGE)).isEqualTo(Subscriptions.Forms.NONE);
        subs.add("u/alice/push/#");
        assertThat(subs.forms(Topics.PUSH_MESSAGE)).isEqualTo(new Subscriptions.Forms(true, false));
        subs.add("u/alice/json/push/kick");
        assertThat(subs.forms(Topics.PUSH_KICK)).isEqualTo(new Subscriptions.Forms(true, true));
        assertThat(subs.forms(Topics.PUSH_MESSAGE)).isEqualTo(new Subscriptions.Forms(true, false));
        subs.add("u/alice/#");
        assertThat(subs.forms(Topics.PUSH_MESSAGE)).isEqualTo(new Subscriptions.Forms(true, true));
    }

    @Test
    void theLimitCountsDistinctFilters() {
        assertThat(subs.add("u/alice/a")).isEqualTo(Subscriptions.Added.GRANTED);
        assertThat(subs.add("u/alice/b")).isEqualTo(Subscriptions.Added.GRANTED);
        assertThat(subs.add("u/alice/c")).isEqualTo(Subscriptions.Added.GRANTED);
        assertThat(subs.add("u/alice/d")).isEqualTo(Subscriptions.Added.OVER_LIMIT);
        assertThat(subs.add("u/alice/a")).as("held already").isEqualTo(Subscriptions.Added.GRANTED);
        assertThat(subs.size()).isEqualTo(3);
        assertThat(subs.removeAll(List.of("u/alice/a", "u/alice/zzz"))).containsExactly(true, false);
        assertThat(subs.add("u/alice/d")).isEqualTo(Subscriptions.Added.GRANTED);
    }

    @Test
    void removingAFilterRemovesOnlyWhatNoOtherFilterSelects() {
        subs.add("u/alice/push/#");
        subs.add("u/alice/push/message");
        subs.removeAll(List.of("u/alice/push/#"));
        assertThat(subs.forms(Topics.PUSH_MESSAGE).proto()).isTrue();
        assertThat(subs.forms(Topics.PUSH_KICK)).isEqualTo(Subscriptions.Forms.NONE);
    }

    @Test
    void everyPushKindOfTheProtocolIsMatched() throws IllegalAccessException {
        List<String> declared = new java.util.ArrayList<>();
        for (Field f : Topics.class.getFields()) {
            if (f.getName().startsWith("PUSH_") && f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                declared.add((String) f.get(null));
            }
        }
        assertThat(Topics.PUSH_KINDS).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(Arrays.asList(Topics.PUSH_KINDS.toArray())).doesNotHaveDuplicates();
    }
}
