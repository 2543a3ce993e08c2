package io.hearth.server.deploy.check;

import java.util.Objects;

/**
 * The verdict of one check. {@code what} names the check ("node 1 MQTT tcp 127.0.0.1:1883"); an OK result may carry
 * a detail, a FAIL carries why it failed and a concrete fix. {@link #line()} is the one line {@code hearth check}
 * prints for it.
 */
public record CheckResult(boolean ok, String what, String detail, String fix) {

    static final String FIX_SEPARATOR = " — fix: ";

    public CheckResult {
        Objects.requireNonNull(what, "what");
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
    }

    public static CheckResult ok(String what, String detail) {
        return new CheckResult(true, what, detail, "");
    }

    public static CheckResult fail(String what, String why, String fix) {
        return new CheckResult(false, what, why, fix);
    }

    static CheckResult fail(String what, ProbeFailure failure) {
        return fail(what, failure.why(), failure.fix());
    }

    /** {@code OK   what: detail} or {@code FAIL what: why — fix: fix}. */
    public String line() {
        if (ok) {
            return detail.isEmpty() ? "OK   " + what : "OK   " + what + ": " + detail;
        }
        return "FAIL " + what + ": " + detail + (fix.isEmpty() ? "" : FIX_SEPARATOR + fix);
    }
}
