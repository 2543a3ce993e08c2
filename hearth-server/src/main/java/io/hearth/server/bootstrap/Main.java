package io.hearth.server.bootstrap;

import io.hearth.server.config.ConfigException;
import io.hearth.server.config.ConfigLoader;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.deploy.check.CheckCommand;
import io.hearth.server.deploy.nginx.NginxCommand;
import io.hearth.server.storage.StorageException;
import io.hearth.server.transport.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hearth} command line. {@code start} runs a node until it is stopped (Ctrl-C or SIGTERM) or drained
 * ({@code hearth drain}, exit code 0); {@code drain} asks a node's server API to drain a node.
 */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {Main.Start.class, Main.Keys.class, DrainCommand.class, NginxCommand.class,
                CheckCommand.class},
        description = "Hearth, a clustered IM server over MQTT.")
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** {@code hearth start [--config FILE] [--set key=value]...} */
    @Command(name = "start", description = "Start a node.")
    static final class Start implements Callable<Integer> {

        @Option(names = {"-c", "--config"}, description = "Config file (key value lines). Default: conf/hearth.conf if present.")
        Path config;

        @Option(names = {"-s", "--set"}, description = "Override one key, e.g. --set port=1884. Repeatable.")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() {
            HearthConfig cfg;
            HearthServer server;
            try {
                ConfigLoader loader = new ConfigLoader();
                Path file = config != null ? config : Path.of("conf/hearth.conf");
                if (config != null || Files.exists(file)) {
                    loader.file(file);
                }
                overrides.forEach(loader::override);
                cfg = loader.load();
                server = HearthServer.start(cfg);
            } catch (ConfigException | Listener.BindFailedException | StorageException e) {
                System.err.println("hearth: " + e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            server.onDrained(stopped::countDown);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "hearth-shutdown"));
            String tls = (server.sslPort() >= 0 ? ", MQTT/TLS " + server.sslPort() : "")
                    + (server.wssPort() >= 0 ? ", wss " + server.wssPort() : "")
                    + (server.httpsPort() >= 0 ? ", HTTPS " + server.httpsPort() : "");
            System.out.printf("Hearth node %d ready: MQTT tcp %d, ws %d, HTTP %d, server API %d%s%n", cfg.nodeId(),
                    server.mqttPort(), server.wsPort(), server.httpPort(), server.adminPort(), tls);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /** {@code hearth config-keys}: every key with its default. */
    @Command(name = "config-keys", description = "List every config key with its default and meaning.")
    static final class Keys implements Callable<Integer> {
        @Override
        public Integer call() {
            for (String[] k : io.hearth.server.config.ConfigKeys.describe()) {
                System.out.printf("%-32s %-28s %s%n", k[0], k[1], k[2]);
            }
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hearth " + (v == null ? "dev" : v)};
        }
    }
}
