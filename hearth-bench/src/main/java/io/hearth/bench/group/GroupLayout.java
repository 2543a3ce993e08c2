package io.hearth.bench.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is in which group and who sends. Users are numbered {@code 0 … users-1}; member {@code i} of group {@code g}
 * is user {@code (g × members + i) mod users}, so groups are disjoint while {@code groups × members ≤ users} and
 * otherwise each user is in about {@code groups × members / users} of them (100 groups of 1,000 over 10,000 users:
 * 10 each). Sender {@code s} sends to group {@code s mod groups} as the first of its members, from index
 * {@code s / groups} on, not already sending. Immutable; plain arithmetic, no I/O.
 */
record GroupLayout(int groups, int members, int users, int senders) {

    GroupLayout {
        if (groups < 1 || members < 2 || users < members || senders < 1) {
            throw new IllegalArgumentException("need groups >= 1, members >= 2, users >= members, senders >= 1");
        }
        if (senders > (long) groups * members || senders > users) {
            throw new IllegalArgumentException(senders + " senders, but only " + Math.min((long) groups * members,
                    users) + " distinct members to send from");
        }
    }

    /** The default pool: one user per membership, at most {@code cap} users. */
    static int defaultUsers(int groups, int members, int cap) {
        return (int) Math.max(members, Math.min((long) groups * members, cap));
    }

    int member(int group, int index) {
        return (int) (((long) group * members + index) % users);
    }

    List<Integer> membersOf(int group) {
        List<Integer> out = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            out.add(member(group, i));
        }
        return out;
    }

    /** The group sender {@code s} sends to. */
    int groupOf(int sender) {
        return sender % groups;
    }

    /** Each sender's user, in sender order; distinct. */
    List<Integer> senderUsers() {
        Set<Integer> taken = new HashSet<>();
        List<Integer> out = new ArrayList<>(senders);
        for (int s = 0; s < senders; s++) {
            int g = groupOf(s);
            int i = s / groups;
            while (i < members && taken.contains(member(g, i))) {
                i++;
            }
            if (i == members) {
                throw new IllegalArgumentException("group " + g + " has no member left to send from (sender " + s
                        + "); use fewer senders or more users");
            }
            taken.add(member(g, i));
            out.add(member(g, i));
        }
        return out;
    }

    /** Timeline entries one message writes: one per member, the sender's own included. */
    long entriesPerMessage() {
        return members;
    }

    /** Pushes one message makes when every user is online: every member but the sender. */
    long pushesPerMessage() {
        return members - 1;
    }
}
