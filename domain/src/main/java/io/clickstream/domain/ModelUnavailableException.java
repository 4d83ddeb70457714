package io.clickstream.domain;

/** No model is published (or loaded) yet, so recommendations cannot be served. */
public class ModelUnavailableException extends RuntimeException {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
