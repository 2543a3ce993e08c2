package io.hearth.server.deploy.check;

/**
 * A probe found a problem: {@code why} it failed, in the operator's terms, and the {@code fix}. Stackless: it is an
 * expected outcome, not a bug.
 */
final class ProbeFailure extends Exception {

    private final String fix;

    ProbeFailure(String why, String fix) {
        super(why, null, false, false);
        this.fix = fix;
    }

    String why() {
        return getMessage();
    }

    String fix() {
        return fix;
    }
}
