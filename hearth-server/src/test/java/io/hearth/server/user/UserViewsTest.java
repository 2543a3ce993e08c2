package io.hearth.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.UserInfo;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What clients see of a profile: {@code user.hide_properties} for others, everything for the user itself. */
class UserViewsTest {

    private static final User ALICE = new User("alice", "al", "Alice", "p.png", 2, "123", "a@x", "Street", "ACME",
            "@al", "{}", 0, false, 1, 42);

    @Test
    void hiddenFieldsAreEmptyForOthers() {
        UserInfo seen = new UserViews(Set.of(2, 3, 4, 5, 6, 7, 8)).view(ALICE, "bob");

        assertThat(seen.getUid()).isEqualTo("alice");
        assertThat(seen.getName()).isEqualTo("al");
        assertThat(seen.getDisplayName()).isEqualTo("Alice");
        assertThat(seen.getPortrait()).isEqualTo("p.png");
        assertThat(seen.getUpdateDt()).isEqualTo(42);
        assertThat(seen.getGender()).isZero();
        assertThat(seen.getMobile() + seen.getEmail() + seen.getAddress() + seen.getCompany() + seen.getSocial()
                + seen.getExtra()).isEmpty();
    }

    @Test
    void onlyTheNamedFieldsAreHidden() {
        UserInfo seen = new UserViews(Set.of(3, 4)).view(ALICE, "bob");

        assertThat(seen.getMobile()).isEmpty();
        assertThat(seen.getEmail()).isEmpty();
        assertThat(seen.getGender()).isEqualTo(2);
        assertThat(seen.getAddress()).isEqualTo("Street");
        assertThat(seen.getExtra()).isEqualTo("{}");
    }

    @Test
    void aUserSeesItsOwnProfileWhole() {
        UserInfo self = new UserViews(Set.of(3, 4)).view(ALICE, "alice");

        assertThat(self.getMobile()).isEqualTo("123");
        assertThat(self.getEmail()).isEqualTo("a@x");
    }

    @Test
    void aDestroyedUserShowsOnlyIdDisplayNameTypeAndUpdateTime() {
        User gone = new User("gone", "gone", "Gone", "p.png", 1, "9", null, null, null, null, null, 0, true, 1, 50);

        UserInfo seen = new UserViews(Set.of()).view(gone, "bob");

        assertThat(seen.getDeleted()).isTrue();
        assertThat(seen.getDisplayName()).isEqualTo("Gone");
        assertThat(seen.getUpdateDt()).isEqualTo(50);
        assertThat(seen.getPortrait() + seen.getMobile() + seen.getName()).isEmpty();
    }
}
