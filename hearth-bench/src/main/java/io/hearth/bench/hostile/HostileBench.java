package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hearth-bench hostile}: a paced single-chat load of legitimate users runs throughout; for each attack in
 * turn, a baseline phase without it, the attack phase, and a recovery phase; then one table row per phase (and
 * JSON with {@code --json}). Exit code 0 when the node still answers {@code /metrics} and a fresh login at the end.
 * The main thread runs the phases; see {@link LegitLoad}, {@link Sampler}, {@link LoginProbe} for the others.
 */
@Command(name = "hostile", mixinStandardHelpOptions = true,
        description = "Legitimate users' throughput and latency with and without each hostile client.")
public final class HostileBench implements Callable<Integer> {

    @Mixin HostileOptions o;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        try (Target target = o.embedded ? Target.embedded(o.secret)
                : Target.external(o.host, o.port, o.wsPort, o.adminUrl, o.secret)) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(o.ioThreads, NioIoHandler.newFactory());
            try {
                return run(target, group);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    private int run(Target target, EventLoopGroup group) throws Exception {
        NodeProcess node = new NodeProcess(o.serverPid != null ? o.serverPid
                : target.isEmbedded() ? ProcessHandle.current().pid()
                : NodeProcess.listening(target.mqttPort).orElseThrow(() -> new IllegalStateException(
                        "no process of this user listens on port " + target.mqttPort + "; pass --server-pid")));
        NodeMetrics metrics = new NodeMetrics(target.adminUrl);
        LogWatch log = new LogWatch(o.serverLog);
        long idleRss = node.rssBytes();
        NodeMetrics.Scrape idle = metrics.scrape();
        out.printf("node pid %d: idle RSS %s MB, direct %s MB, heap %s MB, %d of %d descriptors%n", node.pid(),
                Report.mb(idleRss), Report.mb(idle.directBytes()), Report.mb(idle.heapBytes()), node.openFiles(),
                node.maxOpenFiles());
        String run = "h" + Long.toString(System.currentTimeMillis(), 36);
        Phases phases = new Phases();
        out.printf("connecting %d senders and %d online receivers%n", o.senders, o.receivers);
        LegitLoad load = LegitLoad.connect(target, group, phases, run, o.senders, o.receivers, o.size);
        LoginProbe logins = new LoginProbe(target, group, phases, run + "p");
        try (Sampler sampler = new Sampler(node, metrics, log, phases, o.progress, out); logins) {
            phases.begin("-", "warm-up");
            load.start(o.rate);
            sampler.start();
            logins.start();
            sleep(o.warmup);
            for (String name : o.attacks) {
                runAttack(attack(name, target, group, run), phases);
            }
            phases.end();
            load.stop(Clients.REQUEST_TIMEOUT.plusSeconds(5));
            boolean alive = metrics.scrape().ok() && logins.loginOnce();
            out.println();
            out.printf("node pid %d, idle RSS %s MB; legit load %d senders -> %d online receivers, paced %d msg/s; "
                    + "%ds baseline, %ds attack, %ds recovery; node alive at the end: %s%n", node.pid(),
                    Report.mb(idleRss), o.senders, o.receivers, o.rate, o.baselineSeconds(), o.duration, o.recovery,
                    alive ? "yes" : "NO");
            Report.table(out, phases.all());
            if (o.json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("idleRssBytes", idleRss);
                doc.put("senders", o.senders);
                doc.put("receivers", o.receivers);
                doc.put("rate", o.rate);
                doc.put("nodeAlive", alive);
                Report.json(o.json, doc, phases.all());
            }
            load.close();
            return alive ? 0 : 1;
        }
    }

    private void runAttack(Attack attack, Phases phases) throws InterruptedException {
        String name = attack.name();
        out.printf("%n== %s%n", name);
        phase(phases, name, "baseline", o.baselineSeconds());
        PhaseStats attacking = phases.begin(name, "attack");
        Thread t = new Thread(() -> {
            try {
                attack.run();
            } catch (Exception e) {
                attacking.attackerStatus = "attack failed: " + e;
            }
        }, "attack-" + name);
        t.setDaemon(true);
        t.start();
        sleep(o.duration);
        if (attacking.attackerStatus.isEmpty()) {
            attacking.attackerStatus = attack.status();
        }
        attack.close();
        phase(phases, name, "recovery", o.recovery);
        out.printf("  %s%n  %s%n", attacking.attackerStatus, "(rows are printed at the end)");
    }

    private static void phase(Phases phases, String attack, String phase, int seconds) throws InterruptedException {
        phases.begin(attack, phase);
        sleep(seconds);
    }

    private Attack attack(String name, Target target, EventLoopGroup group, String run) {
        return switch (name) {
            case "poisoned-sends" -> new PoisonedSends(target, group, run, o.poisonEveryMillis);
            case "subscription-flood" -> new SubscriptionFlood(target, group, run, o.subFilters, o.subRate);
            case "slow-consumer" -> new SlowConsumer(target, group, run, o.slowSize, o.slowRate, o.slowTransparent);
            case "connection-flood" -> new ConnectionFlood(target, o.floodConnections, o.floodSources);
            default -> throw new IllegalArgumentException("unknown attack " + name + "; one of "
                    + String.join(", ", HostileOptions.ATTACKS));
        };
    }

    private static void sleep(int seconds) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
    }
}
