package io.hearth.client;

import io.hearth.protocol.Status;

/**
 * A failure that carries a Hearth status code (the numbers of {@link Status}): a refused route call or CONNECT, an
 * RPC reply with a non-zero code, a request timeout (249), a kick (7). Stackless: the code and the message say what
 * happened, the future that failed says where.
 */
public final class HearthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public HearthException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public HearthException(int code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public HearthException(Status status, String message) {
        this(status.code(), message);
    }

    /** The status code, e.g. 6 token error, 7 kicked off, 249 timeout; see {@link Status}. */
    public int code() {
        return code;
    }

    @Override
    public String toString() {
        return "HearthException{code=" + code + ", msg=" + getMessage() + "}";
    }
}
