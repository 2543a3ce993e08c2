package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * A legitimate user logging in afresh every two seconds (connect, subscribe, catch up, disconnect), counted into the
 * current phase as ok or failed (10 s limit): what a connection flood takes away first. Own daemon thread.
 */
final class LoginProbe implements AutoCloseable {

    private static final long PERIOD_MILLIS = 2000;

    private final Target target;
    private final EventLoopGroup group;
    private final Phases phases;
    private final String user;
    private final Thread thread;
    private volatile boolean running = true;

    LoginProbe(Target target, EventLoopGroup group, Phases phases, String user) {
        this.target = target;
        this.group = group;
        this.phases = phases;
        this.user = user;
        Clients.createUser(target, user);
        this.thread = new Thread(this::loop, "login-probe");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** One login now; true when it connected within 10 s. */
    boolean loginOnce() {
        HearthClient c = null;
        try {
            c = Clients.build(target, group, user, new HearthListener() { });
            c.connect().get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    private void loop() {
        while (running) {
            PhaseStats p = phases.current();
            boolean ok = loginOnce();
            if (p != null && running) {
                (ok ? p.loginsOk : p.loginsFailed).increment();
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
