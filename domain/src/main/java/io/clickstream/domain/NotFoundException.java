package io.clickstream.domain;

/** A named thing (job, model version, item) does not exist. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
