package dev.prepbot.store;

/** Storage failed; the message is a sentence fit for an operator (never contains credentials). */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
