package io.hearth.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Platforms;
import io.hearth.server.config.HearthConfig;
import org.junit.jupiter.api.Test;

class KickRulesTest {

    private static KickRules rules(boolean multi, boolean multiPc, boolean multiPad) {
        return new KickRules(new HearthConfig.Tokens("k", 0, multi, multiPc, multiPad));
    }

    @Test
    void sameCategoryKicksByDefault() {
        KickRules r = rules(false, false, false);
        assertThat(r.kicks(Platforms.IOS, Platforms.ANDROID)).isTrue();
        assertThat(r.kicks(Platforms.HARMONY, Platforms.IOS)).isTrue();
        assertThat(r.kicks(Platforms.WINDOWS, Platforms.OSX)).isTrue();
        assertThat(r.kicks(Platforms.IPAD, Platforms.APAD)).isTrue();
        assertThat(r.kicks(Platforms.WEB, Platforms.WEB)).isTrue();
        assertThat(r.kicks(Platforms.WX, Platforms.WX)).isTrue();
    }

    @Test
    void otherCategoriesCoexist() {
        KickRules r = rules(false, false, false);
        assertThat(r.kicks(Platforms.ANDROID, Platforms.WINDOWS)).isFalse();
        assertThat(r.kicks(Platforms.WEB, Platforms.WX)).isFalse();
        assertThat(r.kicks(Platforms.IPAD, Platforms.IOS)).isFalse();
        assertThat(r.kicks(Platforms.UNSET, Platforms.UNSET)).isFalse();
    }

    @Test
    void switchesExemptCategories() {
        assertThat(rules(true, false, false).kicks(Platforms.IOS, Platforms.ANDROID)).isFalse();
        assertThat(rules(false, true, false).kicks(Platforms.WINDOWS, Platforms.LINUX)).isFalse();
        assertThat(rules(false, true, false).kicks(Platforms.IOS, Platforms.ANDROID)).isTrue();
        assertThat(rules(false, false, true).kicks(Platforms.IPAD, Platforms.APAD)).isFalse();
    }
}
