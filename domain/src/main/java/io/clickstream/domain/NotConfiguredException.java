package io.clickstream.domain;

/** A step needs a dependency that this installation has not configured (or that is not built yet). */
public class NotConfiguredException extends RuntimeException {
    public NotConfiguredException(String message) {
        super(message);
    }
}
