package io.clickstream.bootstrap.config;

/** The configuration cannot be used; the message names the key and what is wrong. Fails start-up. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
