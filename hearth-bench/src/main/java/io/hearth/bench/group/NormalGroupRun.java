package io.hearth.bench.group;

import io.hearth.bench.Latency;
import io.hearth.bench.Target;
import io.hearth.bench.Users;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.pb.Message;
import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Normal groups (write diffusion): {@code groups} groups of {@code members} laid out by {@link GroupLayout}, senders
 * among the members; online, every user is connected and counts the pushes it gets. Persisted deliveries are the
 * timeline rows the measured phase added in the node's database (when the bench can read it), checked against
 * acknowledged messages × members. Runs on the main thread; exit code 0 only when every send was acknowledged, every
 * row is there and, online, every push arrived.
 */
final class NormalGroupRun {

    private final GroupBench o;
    private final Target target;
    private final EventLoopGroup loops;
    private final Tally tally = new Tally();
    private final Latency ackLatency = new Latency();
    private final AtomicLong failed = new AtomicLong();

    NormalGroupRun(GroupBench options, Target target, EventLoopGroup loops) {
        this.o = options;
        this.target = target;
        this.loops = loops;
    }

    int run() throws Exception {
        GroupLayout layout = new GroupLayout(o.groups, o.members,
                GroupLayout.defaultUsers(o.groups, o.members, o.maxUsers), o.senders);
        String run = "g" + Long.toString(System.currentTimeMillis(), 36);
        String userPrefix = run + "u";
        System.out.printf("setting up %d users, %d groups of %d, %d senders (%s)%n", layout.users(), layout.groups(),
                layout.members(), layout.senders(), o.online ? "all online" : "receivers offline");
        Users.create(target.admin, userPrefix, layout.users());
        List<String> groupIds = new ArrayList<>();
        List<List<String>> members = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            groupIds.add(run + "g" + g);
            members.add(layout.membersOf(g).stream().map(u -> userPrefix + u).toList());
        }
        long t0 = System.nanoTime();
        GroupSetup.create(target.admin, groupIds, members, false);
        System.out.printf("groups created in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        List<Integer> senderUsers = layout.senderUsers();
        List<String> senderGroups = new ArrayList<>();
        for (int s = 0; s < layout.senders(); s++) {
            senderGroups.add(groupIds.get(layout.groupOf(s)));
        }
        List<HearthClient> clients;
        List<HearthClient> senders = new ArrayList<>();
        if (o.online) {
            List<String> all = new ArrayList<>();
            for (int u = 0; u < layout.users(); u++) {
                all.add(userPrefix + u);
            }
            clients = Sessions.connect(target, loops, o.transport, all, Counting::new);
            senderUsers.forEach(u -> senders.add(clients.get(u)));
        } else {
            clients = Sessions.connect(target, loops, o.transport,
                    senderUsers.stream().map(u -> userPrefix + u).toList(), user -> new HearthListener() { });
            senders.addAll(clients);
        }
        System.out.printf("%d sessions connected%n", clients.size());
        try {
            return measure(layout, senders, senderGroups);
        } finally {
            clients.forEach(HearthClient::close);
        }
    }

    private int measure(GroupLayout layout, List<HearthClient> senders, List<String> senderGroups) throws Exception {
        String text = "x".repeat(Math.max(0, o.size));
        if (o.warmup > 0) {
            System.out.printf("warming up with %d messages%n", (long) senders.size() * o.warmup);
            SendPhase.run(senders, senderGroups, o.warmup, Stamp.WARMUP, text, o.window, o.rate, loops,
                    new Latency(), new AtomicLong());
            if (o.online) {
                SendPhase.await(tally.warmup, (long) senders.size() * o.warmup * layout.pushesPerMessage(),
                        o.settleSeconds, System.nanoTime());
            }
        }
        TimelineRows rows = target.store == null ? null : new TimelineRows(target.store);
        long rows0 = rows == null ? 0 : rows.count();
        MachineLoad load = MachineLoad.start(MachineLoad.parse(o.watch));
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        SendPhase.run(senders, senderGroups, o.perSender, Stamp.MEASURED, text, o.window, o.rate, loops,
                ackLatency, failed);
        double ackedSeconds = (System.nanoTime() - start) / 1e9;
        String machine = load.describe(ackedSeconds);
        long total = (long) senders.size() * o.perSender;
        long acked = total - failed.get();
        long expectedPushes = o.online ? acked * layout.pushesPerMessage() : 0;
        double lastPush = o.online ? SendPhase.await(tally.measured, expectedPushes, o.settleSeconds, start) : 0;
        long written = rows == null ? -1 : rows.count() - rows0;
        long expectedRows = acked * layout.entriesPerMessage();

        GroupReport r = new GroupReport(Runtime.getRuntime().availableProcessors());
        r.line("scenario", String.format("%d groups of %d members (%d users), %d senders, receivers %s, %s, %s%s",
                layout.groups(), layout.members(), layout.users(), senders.size(), o.online ? "online" : "offline",
                o.transport, o.databaseName(target), o.rate > 0 ? ", paced " + o.rate + "/s" : ", window " + o.window));
        r.line("messages", String.format("%d sent, %d failed", total, failed.get()));
        r.rate("throughput", "messages", acked, ackedSeconds, "");
        if (written >= 0) {
            r.rate("deliveries", "persisted deliveries", written, ackedSeconds,
                    String.format(", %d timeline rows written of %d expected", written, expectedRows));
        } else {
            r.rate("deliveries", "persisted deliveries", expectedRows, ackedSeconds,
                    " (acknowledged × members: the rows were not counted, no --db-url)");
        }
        r.line("ack latency", Latency.describe(ackLatency.snapshot()));
        if (o.online) {
            r.line("pushes", String.format("%d of %d received, the last %.1f s after the start%s",
                    tally.measured.get(), expectedPushes, lastPush, tally.echoes.get() == 0 ? ""
                            : "; " + tally.echoes.get() + " own messages handed to their sender's client"));
            r.line("delivery", Latency.describe(tally.latency.snapshot()));
        }
        r.line("machine", machine);
        r.line("window", GroupReport.window(startedAt, ackedSeconds));
        r.print();
        boolean rowsOk = written < 0 || written == expectedRows;
        return failed.get() == 0 && rowsOk && tally.measured.get() == expectedPushes ? 0 : 1;
    }

    /** An online member: counts the bench's group messages pushed to it (or pulled by its SDK to fill a gap). */
    private final class Counting implements HearthListener {
        private final String user;

        Counting(String user) {
            this.user = user;
        }

        @Override
        public void onMessages(List<Message> messages) {
            long now = System.nanoTime();
            for (Message m : messages) {
                tally.record(user, m, now);
            }
        }
    }
}
