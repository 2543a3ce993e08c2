package io.hearth.server.user;

import io.hearth.protocol.pb.UserInfo;
import java.util.Set;

/**
 * A user as a client sees it ({@code UserInfo}): the fields named in {@code user.hide_properties} are left empty for
 * everyone but the user itself; of a destroyed user only id, display name, type and update time remain. Stateless;
 * any thread.
 */
public final class UserViews {

    private final Set<Integer> hidden;

    /** {@code hidden}: field numbers of {@code user.hide_properties} (2 gender .. 8 extra). */
    public UserViews(Set<Integer> hidden) {
        this.hidden = Set.copyOf(hidden);
    }

    /** {@code u} as {@code viewer} sees it. */
    public UserInfo view(User u, String viewer) {
        UserInfo.Builder b = UserInfo.newBuilder().setUid(u.userId()).setDisplayName(text(u.displayName()))
                .setType(u.type()).setUpdateDt(u.updatedAt());
        if (u.deleted()) {
            return b.setDeleted(true).build();
        }
        boolean self = u.userId().equals(viewer);
        b.setName(text(u.name())).setPortrait(text(u.portrait()));
        if (shown(ProfileField.GENDER, self)) {
            b.setGender(u.gender());
        }
        if (shown(ProfileField.MOBILE, self)) {
            b.setMobile(text(u.mobile()));
        }
        if (shown(ProfileField.EMAIL, self)) {
            b.setEmail(text(u.email()));
        }
        if (shown(ProfileField.ADDRESS, self)) {
            b.setAddress(text(u.address()));
        }
        if (shown(ProfileField.COMPANY, self)) {
            b.setCompany(text(u.company()));
        }
        if (shown(ProfileField.SOCIAL, self)) {
            b.setSocial(text(u.social()));
        }
        if (shown(ProfileField.EXTRA, self)) {
            b.setExtra(text(u.extra()));
        }
        return b.build();
    }

    private boolean shown(ProfileField f, boolean self) {
        return self || !hidden.contains(f.mmiType());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
