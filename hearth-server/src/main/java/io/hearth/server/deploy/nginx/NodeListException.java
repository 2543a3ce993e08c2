package io.hearth.server.deploy.nginx;

/** A node list that cannot be used: the message names the source (file:line or URL) and what is wrong. */
public final class NodeListException extends RuntimeException {

    public NodeListException(String message) {
        super(message, null, false, false);
    }

    public NodeListException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
