package io.hearth.bench.group;

import io.hearth.bench.Latency;
import io.hearth.bench.Target;
import io.hearth.bench.Users;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One super group (read diffusion) of {@code members}, created with {@code super_group} true: members
 * {@code 0 … senders-1} send, the next {@code online-members} are online and pull on every {@code group_message}
 * notice ({@link SuperMember}: the SDK's own super group sync), the rest are offline. The senders' SDKs follow the
 * group too, uncounted. Latency is send → pulled at an online member. Runs on the main
 * thread; exit code 0 only when every send was acknowledged and every online member pulled every message once.
 */
final class SuperGroupRun {

    private final GroupBench o;
    private final Target target;
    private final EventLoopGroup loops;
    private final Tally tally = new Tally();
    private final Latency ackLatency = new Latency();
    private final AtomicLong failed = new AtomicLong();

    SuperGroupRun(GroupBench options, Target target, EventLoopGroup loops) {
        this.o = options;
        this.target = target;
        this.loops = loops;
    }

    int run() throws Exception {
        if (o.senders + o.onlineMembers > o.members) {
            throw new IllegalArgumentException("senders + online members exceed the group's " + o.members);
        }
        String run = "s" + Long.toString(System.currentTimeMillis(), 36);
        String groupId = run + "g";
        List<String> members = new ArrayList<>(o.members);
        for (int i = 0; i < o.members; i++) {
            members.add(run + "u" + i);
        }
        System.out.printf("setting up a super group of %d, %d senders, %d members online%n", o.members, o.senders,
                o.onlineMembers);
        Users.create(target.admin, run + "u", o.members);
        long t0 = System.nanoTime();
        GroupSetup.create(target.admin, List.of(groupId), List.of(members), true);
        System.out.printf("group created in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        List<HearthClient> senders = Sessions.connect(target, loops, o.transport, members.subList(0, o.senders),
                user -> new HearthListener() { });
        List<HearthClient> online = Sessions.connect(target, loops, o.transport,
                members.subList(o.senders, o.senders + o.onlineMembers),
                user -> new SuperMember(user, groupId, tally));
        System.out.printf("%d sessions connected%n", senders.size() + online.size());
        try {
            return measure(groupId, senders, online.size());
        } finally {
            senders.forEach(HearthClient::close);
            online.forEach(HearthClient::close);
        }
    }

    private int measure(String groupId, List<HearthClient> senders, int online) throws Exception {
        String text = "x".repeat(Math.max(0, o.size));
        List<String> groupOfSender = Collections.nCopies(senders.size(), groupId);
        if (o.warmup > 0) {
            System.out.printf("warming up with %d messages%n", (long) senders.size() * o.warmup);
            SendPhase.run(senders, groupOfSender, o.warmup, Stamp.WARMUP, text, o.window, o.rate, loops,
                    new Latency(), new AtomicLong());
            SendPhase.await(tally.warmup, (long) senders.size() * o.warmup * online, o.settleSeconds,
                    System.nanoTime());
        }
        MachineLoad load = MachineLoad.start(MachineLoad.parse(o.watch));
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        SendPhase.run(senders, groupOfSender, o.perSender, Stamp.MEASURED, text, o.window, o.rate, loops, ackLatency,
                failed);
        double ackedSeconds = (System.nanoTime() - start) / 1e9;
        long total = (long) senders.size() * o.perSender;
        long acked = total - failed.get();
        long expected = acked * online;
        double last = SendPhase.await(tally.measured, expected, o.settleSeconds, start);
        String machine = load.describe(Math.max(ackedSeconds, last));

        GroupReport r = new GroupReport(Runtime.getRuntime().availableProcessors());
        r.line("scenario", String.format("super group of %d members, %d senders, %d online pulling, %s, %s%s",
                o.members, senders.size(), online, o.transport, o.databaseName(target),
                o.rate > 0 ? ", paced " + o.rate + "/s" : ", window " + o.window));
        r.line("messages", String.format("%d sent, %d failed", total, failed.get()));
        r.rate("throughput", "messages", acked, ackedSeconds, "");
        r.rate("pulled", "messages pulled by members", tally.measured.get(), last,
                String.format(", %d of %d, %d repeated, %d own messages handed back", tally.measured.get(), expected,
                        tally.repeated.get(), tally.echoes.get()));
        r.line("ack latency", Latency.describe(ackLatency.snapshot()));
        r.line("delivery", Latency.describe(tally.latency.snapshot()) + " (send → pulled)");
        r.line("machine", machine);
        r.line("window", GroupReport.window(startedAt, ackedSeconds));
        r.print();
        return failed.get() == 0 && tally.measured.get() == expected && tally.repeated.get() == 0 ? 0 : 1;
    }
}
