package io.hearth.bench.hostile;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code hearth-bench hostile} (a picocli mixin): where the node is, the load, each attack's knobs. */
final class HostileOptions {

    /** In the order they run by default: the slow consumer last, as it may leave the node's memory high. */
    static final List<String> ATTACKS = List.of("poisoned-sends", "subscription-flood", "connection-flood",
            "slow-consumer");

    @Option(names = "--embedded", description = "Start a node in this JVM on a temporary H2 database (tests).")
    boolean embedded;
    @Option(names = "--host", defaultValue = "127.0.0.1") String host;
    @Option(names = "--port", defaultValue = "1883", description = "MQTT TCP port of the node.") int port;
    @Option(names = "--ws-port", defaultValue = "8083") int wsPort;
    @Option(names = "--admin", defaultValue = "http://127.0.0.1:18080",
            description = "Admin port base URL (server API and /metrics).") String adminUrl;
    @Option(names = "--secret", defaultValue = "123456") String secret;
    @Option(names = "--server-pid", description = "The node's pid (default: the process listening on --port).")
    Long serverPid;
    @Option(names = "--server-log", description = "The node's log file, scanned for OutOfMemoryError and "
            + "'Cannot reserve ... direct buffer memory'.") Path serverLog;
    @Option(names = "--senders", defaultValue = "100") int senders;
    @Option(names = "--receivers", defaultValue = "100", description = "Legitimate receivers, all online.")
    int receivers;
    @Option(names = "--rate", defaultValue = "1000", description = "Legitimate messages/s in total.") int rate;
    @Option(names = "--size", defaultValue = "100", description = "Text length of legitimate messages.") int size;
    @Option(names = "--attack", split = ",", description = "Attacks to run, in order (default: all): ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class) List<String> attacks = ATTACKS;
    @Option(names = "--duration", defaultValue = "20", description = "Seconds of each attack phase.") int duration;
    @Option(names = "--baseline", defaultValue = "-1",
            description = "Seconds of each baseline phase (default: --duration, at most 60).") int baseline;
    @Option(names = "--recovery", defaultValue = "5", description = "Seconds after each attack.") int recovery;
    @Option(names = "--warmup", defaultValue = "10", description = "Unmeasured seconds of load first (JIT).")
    int warmup;
    @Option(names = "--progress", defaultValue = "5", description = "Seconds between progress lines (RSS over time).")
    int progress;
    @Option(names = "--json", description = "Also write the results as JSON to this file.") Path json;
    @Option(names = "--io-threads", defaultValue = "2", description = "Event-loop threads of the load generator.")
    int ioThreads;
    @Option(names = "--poison-every-ms", defaultValue = "20") int poisonEveryMillis;
    @Option(names = "--sub-filters", defaultValue = "200000") int subFilters;
    @Option(names = "--sub-rate", defaultValue = "240", description = "Messages/s sent to the subscription flooder.")
    double subRate;
    @Option(names = "--slow-size", defaultValue = "60000", description = "Content bytes of each push to the slow "
            + "consumer (message.max_content_size is 65536 by default).") int slowSize;
    @Option(names = "--slow-rate", defaultValue = "200", description = "Messages/s sent to the slow consumer.")
    double slowRate;
    @Option(names = "--slow-transparent", description = "Send the slow consumer transparent (unstored) messages.")
    boolean slowTransparent;
    @Option(names = "--flood-connections", defaultValue = "1000000",
            description = "Connections to hold (default: as many as the flood process's descriptor limit allows).")
    int floodConnections;
    @Option(names = "--flood-sources", split = ",", defaultValue = "127.0.77.1,127.0.77.2",
            description = "Loopback source addresses of the flood's connections.") List<String> floodSources;

    int baselineSeconds() {
        return baseline >= 0 ? baseline : Math.min(duration, 60);
    }

    /** The attack names for picocli's help. */
    static final class Names extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(ATTACKS);
        }
    }
}
