package io.hearth.server.common;

import io.hearth.protocol.Status;

/**
 * An expected failure with a wire status code (e.g. 253 not exist). Stackless: it is control flow, not a bug.
 */
public final class StatusException extends RuntimeException {

    private final Status status;

    public StatusException(Status status) {
        this(status, status.message());
    }

    public StatusException(Status status, String message) {
        this(status, message, null);
    }

    public StatusException(Status status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    /** The status of any failure: its own for a StatusException (also when wrapped), 4 server error otherwise. */
    public static Status statusOf(Throwable t) {
        Throwable cur = t;
        while (cur != null) {
            if (cur instanceof StatusException se) {
                return se.status;
            }
            cur = cur.getCause();
        }
        return Status.SERVER_ERROR;
    }

    /** The message to show a client for any failure; internal details of unexpected errors are not exposed. */
    public static String messageOf(Throwable t) {
        Throwable cur = t;
        while (cur != null) {
            if (cur instanceof StatusException se) {
                return se.getMessage();
            }
            cur = cur.getCause();
        }
        return Status.SERVER_ERROR.message();
    }
}
