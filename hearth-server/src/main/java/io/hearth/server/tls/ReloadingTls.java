package io.hearth.server.tls;

import io.hearth.server.config.ConfigException;
import io.hearth.server.config.HearthConfig;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TLS context, renewed without a restart: every {@code interval} it looks at the key store's
 * modification time and size, and when they changed it loads the store again with the same checks as at start. A
 * store that fails them (half-written, wrong password, expired) is logged and the current context stays; new
 * connections get the new certificate, established ones keep theirs. {@link #get} is safe from any thread.
 */
public final class ReloadingTls implements Supplier<SslContext>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadingTls.class);

    private final HearthConfig.Tls tls;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile SslContext current;
    private volatile Stamp loaded;

    private record Stamp(FileTime modified, long size) {
    }

    private ReloadingTls(HearthConfig.Tls tls, Clock clock, Duration interval) {
        this.tls = tls;
        this.clock = clock;
        this.loaded = stamp();
        this.current = ServerTls.context(tls, clock.instant());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-tls-reload");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Loads the key store now (a problem is a {@link ConfigException}: the node does not start) and watches it. */
    public static ReloadingTls start(HearthConfig.Tls tls, Clock clock, Duration interval) {
        return new ReloadingTls(tls, clock, interval);
    }

    @Override
    public SslContext get() {
        return current;
    }

    /** Reloads when the file changed since the last load; runs on the timer thread. */
    void checkNow() {
        Stamp now = stamp();
        if (now == null || now.equals(loaded)) {
            return;
        }
        try {
            current = ServerTls.context(tls, clock.instant());
            loaded = now;
            log.info("reloaded the TLS key store {}: new connections use the new certificate", tls.keyStore());
        } catch (ConfigException e) {
            // remember it, so a broken file is reported once, not every interval
            loaded = now;
            log.error("the changed TLS key store is not used, the previous certificate stays: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("reloading the TLS key store {} failed; the previous certificate stays", tls.keyStore(), e);
        }
    }

    private Stamp stamp() {
        try {
            return new Stamp(Files.getLastModifiedTime(tls.keyStore()), Files.size(tls.keyStore()));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
