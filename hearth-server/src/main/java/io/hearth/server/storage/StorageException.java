package io.hearth.server.storage;

/** A storage operation failed; the message names the operation. Nothing of the operation was committed. */
public final class StorageException extends RuntimeException {

    public StorageException(String operation, Throwable cause) {
        super(operation + " failed: " + cause.getMessage(), cause);
    }
}
